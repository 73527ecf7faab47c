import { VidsegError, type VidsegErrorOptions } from './vidseg-error.js';

/** One problem found in a configuration. */
export interface ConfigProblem {
  /** Dotted path inside the config, e.g. `losses[2].weight`; empty for the root. */
  readonly path: string;
  /** What was wrong and what was expected. */
  readonly message: string;
  /** The file the offending value came from, when it differs from the error's file. */
  readonly file?: string;
}

/**
 * A configuration that cannot be used. The message lists every problem with its config path and
 * the file it came from, one per line.
 */
export class ConfigError extends VidsegError {
  readonly file: string | undefined;
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[], file?: string, options?: VidsegErrorOptions) {
    const lines = problems.map((p) => {
      const source = p.file ?? file;
      return `${p.path || '(root)'}: ${p.message}${source ? ` (in ${source})` : ''}`;
    });
    super('config', lines.join('\n'), options);
    this.file = file;
    this.problems = problems;
  }

  /** The same problems with `prefix` put in front of every path (for nested resolution). */
  withPrefix(prefix: string, file?: string): ConfigError {
    return new ConfigError(
      this.problems.map((p) => ({ ...p, path: joinConfigPath(prefix, p.path) })),
      file ?? this.file,
      { cause: this.cause },
    );
  }
}

/** Joins config path segments: `joinConfigPath('losses[2]', 'weight')` is `losses[2].weight`. */
export function joinConfigPath(prefix: string, rest: string | number): string {
  if (typeof rest === 'number') return `${prefix}[${rest}]`;
  if (!prefix) return rest;
  if (!rest) return prefix;
  return rest.startsWith('[') ? `${prefix}${rest}` : `${prefix}.${rest}`;
}
