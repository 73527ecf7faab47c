import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DataError } from '@vidseg/core';

/** SHA-256 of the model file's bytes (hex), the identity of a model in queue jobs. */
export async function hashModelFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new DataError(`cannot read model ${path}: ${(error as Error).message}`, { cause: error, hint: 'give the .onnx file written by vidseg export (or vidseg train)' });
  }
  return createHash('sha256').update(bytes).digest('hex');
}
