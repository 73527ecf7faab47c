import { parse } from 'yaml';
import { ConfigError } from '../errors/config-error.js';

/**
 * Splits a `--set` argument `path=value`. The value is read as YAML, so `0.005`, `true`, `[1, 2]`
 * and `{type: temporal}` become a number, a boolean, a list and an object; anything else is a string.
 */
export function parseOverride(text: string): { path: string; value: unknown } {
  const equals = text.indexOf('=');
  if (equals <= 0) {
    throw new ConfigError([{ path: '', message: `override "${text}" is not of the form path=value (e.g. train.lr=0.005)` }], '--set');
  }
  const path = text.slice(0, equals).trim();
  const raw = text.slice(equals + 1);
  let value: unknown;
  try {
    value = raw.trim() === '' ? '' : parse(raw);
  } catch {
    value = raw;
  }
  return { path, value };
}
