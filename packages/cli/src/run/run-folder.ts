import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError, type VidsegConfig } from '@vidseg/core';
import { writeFileAtomic } from '@vidseg/core/node';
import { stringify } from 'yaml';

/**
 * A run folder: the resolved config, a JSONL log of every step and evaluation, checkpoints (written
 * by the trainer), metrics.json, the exported model and report.html.
 */
export class RunFolder {
  private constructor(readonly dir: string) {}

  /**
   * Opens the folder for a new run (it must not hold a run already, so nothing is overwritten by
   * accident) or, with `resume`, for continuing the run it holds. A new run's folder is created
   * only by {@link writeConfig}, once the run has started: a start that fails on its config or
   * data leaves nothing behind that would block a rerun.
   */
  static open(dir: string, options: { resume: boolean }): RunFolder {
    const absolute = resolve(dir);
    const hasRun = existsSync(join(absolute, 'config.json'));
    if (options.resume && !hasRun) {
      throw new UsageError(`cannot resume: ${absolute} holds no run (no config.json)`, { hint: 'drop --resume to start a new run there' });
    }
    if (!options.resume && hasRun) {
      throw new UsageError(`run folder ${absolute} already holds a run`, { hint: 'add --resume to continue it, or choose another folder with --run-dir or --set run.name=...' });
    }
    return new RunFolder(absolute);
  }

  /** Absolute path of a file in the run folder. */
  path(...segments: string[]): string {
    return join(this.dir, ...segments);
  }

  /**
   * Creates the folder and writes the fully resolved config as config.json (machine) and
   * config.yaml (people), and in run.json the folder its relative paths resolve against. From
   * then on the folder holds a run: a new run there is refused, `--resume` continues it.
   */
  async writeConfig(config: VidsegConfig, files: readonly string[], baseDir: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.path('config.yaml'), `# resolved from: ${files.join(' <- ')}\n${stringify(config)}`);
    await this.writeJson('run.json', { baseDir, configFiles: files });
    // config.json marks the folder as holding a run, so it comes last.
    await this.writeJson('config.json', config);
  }

  /** The folder the saved config of the run in `dir` resolves relative paths against, if recorded. */
  static savedBaseDir(dir: string): { baseDir?: string } {
    const file = join(resolve(dir), 'run.json');
    if (!existsSync(file)) return {};
    const { baseDir } = JSON.parse(readFileSync(file, 'utf8')) as { baseDir?: unknown };
    return typeof baseDir === 'string' ? { baseDir } : {};
  }

  /**
   * Appends one record to log.jsonl (one JSON object per line). Synchronous on purpose: a step's
   * record is on disk before the checkpoint that follows it, so a killed run loses no logged step.
   */
  log(record: Readonly<Record<string, unknown>>): void {
    const file = this.path('log.jsonl');
    try {
      appendFileSync(file, `${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
    } catch (error) {
      // A failed write (ENOSPC) names no file: name it for the message.
      if (error instanceof Error && !('path' in error)) Object.assign(error, { path: file });
      throw error;
    }
  }

  /** Writes `value` as pretty JSON, atomically. */
  async writeJson(name: string, value: unknown): Promise<void> {
    await writeFileAtomic(this.path(name), new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`));
  }

  /** Names of the files in the run folder (for summaries). */
  async files(): Promise<string[]> {
    return (await readdir(this.dir)).sort();
  }
}
