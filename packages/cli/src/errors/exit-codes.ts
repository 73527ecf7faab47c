import { ConfigError, VidsegError } from '@vidseg/core';
import { engineAbortError } from './engine-abort-error.js';
import { fileSystemError } from './system-error.js';

/**
 * Exit codes of the `vidseg` binary, one per kind of failure, so scripts can tell a typo from
 * bad data or a bug.
 */
export const EXIT_CODES = {
  ok: 0,
  /** A bug in vidseg or a plugin (an unexpected exception). */
  internal: 1,
  /** A command line that cannot be carried out (unknown command or flag, missing argument, a config file that does not exist). */
  usage: 2,
  /** A configuration that does not validate (unknown key or plugin, wrong type, bad extends). */
  config: 3,
  /** Input data that is missing, unreadable or inconsistent (images, labels, weights, models), or output that cannot be written (disk full, read-only folder, no permission). */
  data: 4,
  /** Stopped by Ctrl-C after saving what was needed. */
  interrupted: 130,
} as const;

/** An environment failure (disk, permissions, engine memory) as the one-line error it deserves; other errors unchanged. */
function knownFailure(error: unknown): unknown {
  return fileSystemError(error) ?? engineAbortError(error) ?? error;
}

/** The exit code for an error thrown by a command. */
export function exitCodeFor(error: unknown): number {
  error = knownFailure(error);
  if (error instanceof ConfigError) return EXIT_CODES.config;
  if (error instanceof VidsegError) {
    switch (error.category) {
      case 'usage':
        return EXIT_CODES.usage;
      case 'config':
        return EXIT_CODES.config;
      case 'data':
        return EXIT_CODES.data;
      case 'internal':
        return EXIT_CODES.internal;
    }
  }
  return EXIT_CODES.internal;
}

/**
 * The text printed for an error: expected errors as their message alone (no stack); unexpected
 * ones with the stack, since they are bugs to report.
 */
export function describeError(error: unknown): string {
  error = knownFailure(error);
  if (error instanceof VidsegError) return `error: ${error.message}`;
  if (error instanceof Error) return `internal error: ${error.stack ?? error.message}\n  please report this with the command you ran`;
  return `internal error: ${String(error)}`;
}
