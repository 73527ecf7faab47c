import { rm } from 'node:fs/promises';
import type { RunFolder } from './run-folder.js';

/** What a new run writes into its folder before its first checkpoint (config, log, caches). */
const WRITTEN_BY_A_START = ['config.json', 'config.yaml', 'run.json', 'log.jsonl', 'metrics.json', 'checkpoints', 'cache'];

/**
 * Removes what a new run that failed before its first checkpoint wrote, so the same command can be
 * run again as it is (the docs promise a failed start leaves no run): the whole folder when this
 * start created it, else only the files a start writes. Best effort: a folder that cannot be
 * changed (read-only, gone) is left as it is, and the original error is what the user sees.
 */
export async function discardFailedStart(folder: RunFolder, createdByThisStart: boolean): Promise<void> {
  const targets = createdByThisStart ? [folder.dir] : WRITTEN_BY_A_START.map((name) => folder.path(name));
  await Promise.all(targets.map((path) => rm(path, { recursive: true, force: true }).catch(() => undefined)));
}
