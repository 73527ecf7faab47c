import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataError, UsageError, type ProgressReporter } from '@vidseg/core';
import { CheckpointStore } from '@vidseg/backend-tfjs';
import type { RunFolder } from './run-folder.js';

/**
 * The checkpoint folder a `--resume` continues from: the one named by `--checkpoint` (a path, or a
 * `step-N` name inside the run's checkpoints folder), else the newest intact one of the run. A
 * damaged newer checkpoint is reported with a warning and set aside (renamed `damaged-step-N-...`),
 * so the resumed run writes that step afresh. Undefined when the run has no checkpoint yet.
 */
export async function resumeCheckpoint(folder: RunFolder, progress: ProgressReporter, chosen?: string): Promise<string | undefined> {
  const store = new CheckpointStore(folder.path('checkpoints'));
  if (chosen !== undefined) {
    const path = [resolve(chosen), join(store.dir, chosen)].find((candidate) => existsSync(candidate));
    if (!path) throw new UsageError(`--checkpoint ${chosen}: no such checkpoint (looked at ${resolve(chosen)} and ${join(store.dir, chosen)})`, { hint: `pick one of the step-N folders in ${store.dir}` });
    await CheckpointStore.load(path);
    return path;
  }
  const damaged: string[] = [];
  const checkpoint = await store.loadNewestIntact((path, error) => {
    damaged.push(path);
    progress.warn(`resume: ${firstLine(error)}; trying an older checkpoint`);
  });
  if (!checkpoint) return undefined;
  for (const path of damaged) progress.warn(`resume: set the damaged ${path} aside as ${await store.setAside(path)}`);
  if (damaged.length > 0) progress.warn(`resume: continuing from the newest intact checkpoint, ${checkpoint.path} (step ${checkpoint.step})`);
  return checkpoint.path;
}

function firstLine(error: DataError): string {
  return error.message.split('\n')[0]!;
}
