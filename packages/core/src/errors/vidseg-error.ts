/**
 * What went wrong, from the user's point of view. The CLI maps each category to its own exit code,
 * so scripts can tell a typo in a command line from bad data or a bug.
 */
export type ErrorCategory = 'usage' | 'config' | 'data' | 'internal';

/** Options shared by every vidseg error. */
export interface VidsegErrorOptions {
  /** The error that caused this one, kept for debugging. */
  readonly cause?: unknown;
  /** A short hint that tells the user what to do next. */
  readonly hint?: string;
}

/**
 * Base class of every error vidseg raises on purpose. The message always says what was wrong and
 * where (file, config path or tensor name); `hint` says what to do about it.
 */
export class VidsegError extends Error {
  readonly category: ErrorCategory;
  readonly hint: string | undefined;

  constructor(category: ErrorCategory, message: string, options: VidsegErrorOptions = {}) {
    super(options.hint ? `${message}\n  hint: ${options.hint}` : message, { cause: options.cause });
    this.name = new.target.name;
    this.category = category;
    this.hint = options.hint;
  }
}

/** A command line or API call that cannot be carried out as asked. */
export class UsageError extends VidsegError {
  constructor(message: string, options?: VidsegErrorOptions) {
    super('usage', message, options);
  }
}

/** Input data (an image, a label map, a weights file) that is missing, malformed or inconsistent. */
export class DataError extends VidsegError {
  constructor(message: string, options?: VidsegErrorOptions) {
    super('data', message, options);
  }
}

/** A broken internal invariant: a bug in vidseg or in a plugin. */
export class InternalError extends VidsegError {
  constructor(message: string, options?: VidsegErrorOptions) {
    super('internal', message, options);
  }
}
