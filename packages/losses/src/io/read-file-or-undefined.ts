import { readFile } from 'node:fs/promises';

/** The bytes of `path`, or undefined when no file is there (other read errors are thrown). */
export async function readFileOrUndefined(path: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
