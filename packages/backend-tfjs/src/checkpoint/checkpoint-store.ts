import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DataError, readSafetensors, writeSafetensors, type NamedTensors } from '@vidseg/core';

/** What one checkpoint holds: tensors (safetensors) and a JSON state. */
export interface CheckpointContent {
  readonly tensors: NamedTensors;
  readonly state: Readonly<Record<string, unknown>>;
}

/** A checkpoint read back from disk, with the folder it came from. */
export interface LoadedCheckpoint extends CheckpointContent {
  readonly step: number;
  readonly path: string;
}

const TENSORS_FILE = 'state.safetensors';
const STATE_FILE = 'checkpoint.json';
const LATEST_FILE = 'latest.json';
const TEMP_PREFIX = '.tmp-';

const folderName = (step: number) => `step-${String(step).padStart(8, '0')}`;
const isStepFolder = (name: string) => /^step-\d{8}$/.test(name);

/**
 * Checkpoints in a folder, written so that a process killed at any moment never leaves a corrupt
 * latest checkpoint: each checkpoint is written into a temporary folder, flushed to disk, renamed
 * to `step-NNNNNNNN`, and only then does `latest.json` (itself replaced by an atomic rename) point
 * to it. `checkpoint.json` records the size and SHA-256 of the tensors file, checked on load.
 */
export class CheckpointStore {
  /**
   * @param dir - the checkpoints folder (created on the first save).
   * @param keep - how many of the newest checkpoints to keep (older ones are deleted).
   */
  constructor(
    readonly dir: string,
    private readonly keep = 3,
  ) {}

  /** Writes the checkpoint of `step` (once per step: an existing one is kept) and returns its folder. */
  async save(step: number, content: CheckpointContent): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const final = join(this.dir, folderName(step));
    if (!(await this.exists(final))) {
      const temp = join(this.dir, `${TEMP_PREFIX}${folderName(step)}-${process.pid}-${Date.now()}`);
      await removingOnFailure(temp, async () => {
        await mkdir(temp);
        const bytes = writeSafetensors(content.tensors);
        await writeDurably(join(temp, TENSORS_FILE), bytes);
        const record = { step, tensorsFile: TENSORS_FILE, bytes: bytes.length, sha256: sha256(bytes), state: content.state };
        await writeDurably(join(temp, STATE_FILE), JSON.stringify(record, null, 1));
        await syncFolder(temp);
        await rename(temp, final);
      });
      await syncFolder(this.dir);
    }
    const pointer = join(this.dir, `${TEMP_PREFIX}${LATEST_FILE}-${process.pid}-${Date.now()}`);
    await removingOnFailure(pointer, async () => {
      await writeDurably(pointer, JSON.stringify({ step, folder: folderName(step) }));
      await rename(pointer, join(this.dir, LATEST_FILE));
    });
    await syncFolder(this.dir);
    await this.prune(step);
    return final;
  }

  /** The checkpoint `latest.json` points to, verified; undefined when none was saved. */
  async loadLatest(): Promise<LoadedCheckpoint | undefined> {
    let pointer: { folder?: unknown };
    try {
      pointer = JSON.parse(await readFile(join(this.dir, LATEST_FILE), 'utf8')) as { folder?: unknown };
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
      throw new DataError(`${join(this.dir, LATEST_FILE)}: unreadable (${(error as Error).message})`);
    }
    if (typeof pointer.folder !== 'string') throw new DataError(`${join(this.dir, LATEST_FILE)}: no "folder" entry`);
    return CheckpointStore.load(join(this.dir, pointer.folder));
  }

  /**
   * The newest checkpoint that reads back whole, trying the kept `step-N` folders newest first; each
   * damaged one (flipped bit, truncated file) is reported to `onDamaged` and passed over. Undefined
   * when the folder holds no checkpoint; a {@link DataError} listing them when none is intact.
   */
  async loadNewestIntact(onDamaged: (folder: string, error: DataError) => void = () => undefined): Promise<LoadedCheckpoint | undefined> {
    const folders = (await this.stepFolders()).reverse();
    const damaged: string[] = [];
    for (const name of folders) {
      try {
        return await CheckpointStore.load(join(this.dir, name));
      } catch (error) {
        if (!(error instanceof DataError)) throw error;
        damaged.push(`${name}: ${error.message}`);
        onDamaged(join(this.dir, name), error);
      }
    }
    if (damaged.length === 0) return undefined;
    throw new DataError(`no intact checkpoint in ${this.dir}; every kept one is damaged:\n  ${damaged.join('\n  ')}`, {
      hint: 'restore the checkpoints from a copy, or start over in a new run folder (drop --resume, pass another --run-dir)',
    });
  }

  /**
   * Moves a damaged checkpoint folder out of the way (to `damaged-step-N-<time>`, kept for a look),
   * so the resumed run writes that step afresh and no resume picks it again. Returns the new path.
   */
  async setAside(folder: string): Promise<string> {
    const target = join(this.dir, `damaged-${basename(folder)}-${Date.now()}`);
    await rename(folder, target);
    return target;
  }

  /** Reads and verifies the checkpoint in `folder`. */
  static async load(folder: string): Promise<LoadedCheckpoint> {
    const statePath = join(folder, STATE_FILE);
    let record: { step?: unknown; bytes?: unknown; sha256?: unknown; state?: unknown };
    try {
      record = JSON.parse(await readFile(statePath, 'utf8')) as typeof record;
    } catch (error) {
      throw new DataError(`${statePath}: not a readable checkpoint (${(error as Error).message})`);
    }
    const tensorsPath = join(folder, TENSORS_FILE);
    const bytes = new Uint8Array(await readFile(tensorsPath));
    if (bytes.length !== record.bytes || sha256(bytes) !== record.sha256) {
      throw new DataError(`${tensorsPath}: size or SHA-256 differs from ${STATE_FILE}: the checkpoint is damaged`);
    }
    if (typeof record.step !== 'number' || typeof record.state !== 'object' || record.state === null) {
      throw new DataError(`${statePath}: missing "step" or "state"`);
    }
    const { tensors } = readSafetensors(bytes, tensorsPath);
    return { step: record.step, path: folder, tensors, state: record.state as Record<string, unknown> };
  }

  private async prune(latestStep: number): Promise<void> {
    const entries = await readdir(this.dir);
    const steps = entries.filter(isStepFolder).sort();
    const doomed = steps.slice(0, Math.max(0, steps.length - this.keep)).filter((name) => name !== folderName(latestStep));
    // Temporary folders of earlier, killed saves (this process writes one save at a time).
    const stale = entries.filter((name) => name.startsWith(TEMP_PREFIX));
    await Promise.all([...doomed, ...stale].map((name) => rm(join(this.dir, name), { recursive: true, force: true })));
  }

  /** Names of the `step-N` folders, oldest first (none when the folder does not exist yet). */
  private async stepFolders(): Promise<string[]> {
    const entries = await readdir(this.dir).catch((error: { code?: string }) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    return entries.filter(isStepFolder).sort();
  }

  private async exists(path: string): Promise<boolean> {
    return readdir(path).then(
      () => true,
      () => false,
    );
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Runs `write`, which creates `temporary`; if it fails (disk full, no permission) the partial
 * `temporary` is removed at once, so freeing room for one checkpoint is enough for the next save.
 */
async function removingOnFailure(temporary: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

/** Writes `data` to a new file and flushes it to disk before returning. */
async function writeDurably(path: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    // A write through a file handle (ENOSPC, EIO) names no file: name it for the message.
    if (error instanceof Error && !('path' in error)) Object.assign(error, { path });
    throw error;
  } finally {
    await handle.close();
  }
}

/** Flushes a folder's entries (renames, new files) to disk. */
async function syncFolder(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
