import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataError } from '@vidseg/core';

/** A Node.js file-system error: `code` (ENOSPC, EACCES, ...), the syscall and the path it concerned. */
interface ErrnoError extends Error {
  readonly code: string;
  readonly syscall?: string;
  readonly path?: string;
  readonly dest?: string;
}

/** What each file-system error means for the user, and what to do about it. */
const REASONS: Readonly<Record<string, { readonly what: string; readonly hint: string }>> = {
  ENOSPC: { what: 'no space left on the device', hint: 'free some room (or write elsewhere with --run-dir); a stopped training run continues with --resume' },
  EDQUOT: { what: 'disk quota exceeded', hint: 'free some room (or write elsewhere with --run-dir); a stopped training run continues with --resume' },
  EROFS: { what: 'read-only file system', hint: 'write to a writable folder (--run-dir, --out, or run.dir in the config)' },
  EACCES: { what: 'permission denied', hint: 'check the permissions of the file and its folder, or write elsewhere (--run-dir, --out)' },
  EPERM: { what: 'operation not permitted', hint: 'check the permissions of the file and its folder, or write elsewhere (--run-dir, --out)' },
  ENOENT: { what: 'no such file or folder', hint: 'check the path' },
  EISDIR: { what: 'is a folder, not a file', hint: 'name a file, not a folder' },
  ENOTDIR: { what: 'a part of the path is a file, not a folder', hint: 'check the path' },
  EMFILE: { what: 'too many open files', hint: 'raise the limit (ulimit -n) and retry' },
  EIO: { what: 'input/output error from the device', hint: 'check the disk (dmesg), then retry; a stopped training run continues with --resume' },
};

/**
 * Node's recursive mkdir reports ENOENT when a folder cannot be made in a read-only or forbidden
 * parent: the real reason is the nearest existing ancestor that is not writable.
 */
function unwritableAncestor(error: ErrnoError): ErrnoError | undefined {
  if (error.code !== 'ENOENT' || error.syscall !== 'mkdir' || !error.path) return undefined;
  let folder = dirname(error.path);
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  try {
    accessSync(folder, constants.W_OK);
    return undefined;
  } catch (cause) {
    return isErrnoError(cause) ? Object.assign(cause, { path: folder, syscall: `mkdir ${error.path}` }) : undefined;
  }
}

function isErrnoError(error: unknown): error is ErrnoError {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

/**
 * The one-line {@link DataError} for a file-system failure (disk full, read-only folder, no
 * permission, a missing or misplaced path) naming the path and what to do, or undefined when
 * `error` is no such failure. Environment faults are not bugs: no stack trace is due.
 */
export function fileSystemError(error: unknown): DataError | undefined {
  if (!isErrnoError(error)) return undefined;
  const failure = unwritableAncestor(error) ?? error;
  const reason = REASONS[failure.code];
  if (!reason) return undefined;
  const path = failure.path ?? '(unknown path)';
  const action = failure.syscall ? ` (${failure.syscall}${failure.dest ? ` to ${failure.dest}` : ''})` : '';
  return new DataError(`${reason.what}: ${path}${action} [${failure.code}]`, { cause: error, hint: reason.hint });
}
