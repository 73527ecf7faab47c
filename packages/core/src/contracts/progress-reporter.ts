/** Values shown next to a progress bar, e.g. `{ loss: 0.42, lr: 0.01 }`. */
export type ProgressInfo = Readonly<Record<string, number | string>>;

/** One long-running piece of work (an epoch, an evaluation, a download). */
export interface ProgressTask {
  /** Marks `amount` more units as done (default 1), optionally updating the shown values. */
  advance(amount?: number, info?: ProgressInfo): void;
  /** Ends the task; `summary` is printed once. */
  done(summary?: string): void;
}

/**
 * Reports progress to the user. The CLI shows bars with rate and ETA on a terminal and plain
 * periodic lines otherwise; libraries call it and never print directly.
 */
export interface ProgressReporter {
  /** Starts a task of `total` units (unknown when omitted). */
  start(label: string, total?: number, unit?: string): ProgressTask;
  /** A one-line message (a decision taken, a file written). */
  log(message: string): void;
  /** A warning the user should read (a skipped file, a fallback taken). */
  warn(message: string): void;
}

/** A reporter that shows nothing; the default for library use and tests. */
export const silentProgress: ProgressReporter = {
  start: () => ({ advance: () => undefined, done: () => undefined }),
  log: () => undefined,
  warn: () => undefined,
};
