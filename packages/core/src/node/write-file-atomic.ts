import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `bytes` to `path` so that readers see either the old file or the whole new one, never a
 * partial file: the bytes go to a temporary file in the same folder, which is then renamed over
 * `path` (atomic on POSIX file systems). Creates the folder when missing.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    // A failed write (ENOSPC) names no file: name the one being written.
    if (error instanceof Error && !('path' in error)) Object.assign(error, { path });
    throw error;
  }
}
