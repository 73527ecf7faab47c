import { DataError } from '@vidseg/core';

/** The DataError for a file sharp could not read: missing, truncated or not an image. */
export function decodeFailure(path: string, expected: string, error: unknown): DataError {
  if (error instanceof DataError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  if (/missing|no such file|ENOENT/i.test(reason)) {
    return new DataError(`file not found: ${path} (expected ${expected})`, { cause: error });
  }
  return new DataError(`cannot decode ${path}: ${reason}; expected ${expected}`, {
    cause: error,
    hint: 'the file may be truncated or of another format; re-copy it, or remove it from the split (or set onBadInput: skip)',
  });
}
