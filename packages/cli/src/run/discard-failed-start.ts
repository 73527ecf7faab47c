import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { RunFolder } from './run-folder.js';

/** What the run folder held before a start: undefined when the folder did not exist. */
export type FolderBeforeStart = ReadonlySet<string> | undefined;

/** The entries of the run folder now, to hand to {@link discardFailedStart} if the start fails. */
export function folderBeforeStart(folder: RunFolder): FolderBeforeStart {
  return existsSync(folder.dir) ? new Set(readdirSync(folder.dir)) : undefined;
}

/**
 * Removes what a new run that failed before its first checkpoint wrote, so the same command can be
 * run again as it is (the docs promise a failed start leaves no run): the whole folder when this
 * start created it, else only the entries that were not there before (nothing of the user's is
 * touched). Best effort: a folder that cannot be changed (read-only, gone) is left as it is, and
 * the original error is what the user sees.
 */
export async function discardFailedStart(folder: RunFolder, before: FolderBeforeStart): Promise<void> {
  const targets = before === undefined ? [folder.dir] : existsSync(folder.dir) ? readdirSync(folder.dir).filter((name) => !before.has(name)).map((name) => folder.path(name)) : [];
  await Promise.all(targets.map((path) => rm(path, { recursive: true, force: true }).catch(() => undefined)));
}
