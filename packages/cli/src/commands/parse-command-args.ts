import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean, UsageError } from '@vidseg/core';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed flag values: strings (or string lists for `multiple`) and booleans. */
export type ParsedValues<O extends Options> = {
  -readonly [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : O[K] extends { multiple: true } ? string[] : string;
};

/**
 * Parses a command's arguments with `node:util` parseArgs; an unknown flag or a missing value is
 * a {@link UsageError} that names the command and suggests the closest flag.
 */
export function parseCommandArgs<O extends Options>(
  command: string,
  args: readonly string[],
  options: O,
  allowPositionals = false,
): { values: ParsedValues<O>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals, strict: true });
    return { values: parsed.values as ParsedValues<O>, positionals: parsed.positionals };
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
    if (unknown) {
      const known = Object.keys(options).map((name) => `--${name}`);
      throw new UsageError(`vidseg ${command}: unknown option ${unknown}${didYouMean(unknown, known)}`, {
        hint: `see vidseg ${command} --help`,
      });
    }
    throw new UsageError(`vidseg ${command}: ${message}`, { hint: `see vidseg ${command} --help` });
  }
}

/** The options every config-driven command takes. */
export const CONFIG_OPTIONS = {
  config: { type: 'string', short: 'c' },
  set: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Usage lines for {@link CONFIG_OPTIONS}. */
export const CONFIG_OPTIONS_USAGE = `  -c, --config <file>   config file (YAML or JSON)
      --set <path=value> override one config value, e.g. --set train.lr=0.005 (repeatable)
  -h, --help            show this help`;
