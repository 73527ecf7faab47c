import type { Uninterruptible } from '@vidseg/backend-tfjs';
import type { ProgressReporter } from '@vidseg/core';

/** What every command receives. */
export interface CommandContext {
  /** Arguments after the command name. */
  readonly args: readonly string[];
  /** Human-readable output (results, tables). */
  readonly out: { write(text: string): boolean };
  /** Progress and diagnostics. */
  readonly progress: ProgressReporter;
  /** Resolves when the user pressed Ctrl-C (long commands stop cleanly). */
  readonly interrupted: Promise<void>;
  /** Runs work (a checkpoint write) that a second Ctrl-C must not cut short. */
  readonly uninterruptible: Uninterruptible;
}

/** A `vidseg` sub-command. */
export interface Command {
  readonly name: string;
  /** One line for `vidseg --help`. */
  readonly summary: string;
  /** The full usage text for `vidseg <name> --help`. */
  readonly usage: string;
  run(context: CommandContext): Promise<number>;
}
