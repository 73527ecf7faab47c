import { UsageError } from '@vidseg/core';

/**
 * The number given to `--flag` of `vidseg command`, `fallback` when absent. It must be finite and
 * at least `min`, and an integer when `integer`; anything else is a {@link UsageError} naming the flag.
 */
export function numberFlag(command: string, flag: string, text: string | undefined, options: { fallback?: number; min?: number; integer?: boolean } = {}): number | undefined {
  if (text === undefined) return options.fallback;
  const value = Number(text);
  const min = options.min ?? 0;
  if (text.trim() === '' || !Number.isFinite(value) || value < min || (options.integer && !Number.isInteger(value))) {
    throw new UsageError(`vidseg ${command}: --${flag} must be ${options.integer ? 'an integer' : 'a number'} >= ${min}, got "${text}"`, { hint: `see vidseg ${command} --help` });
  }
  return value;
}
