import { ConfigError } from '../errors/config-error.js';

/** A parsed config path: `losses[2].weight` is `['losses', 2, 'weight']`. */
export type PathSegments = (string | number)[];

/** Parses a dotted config path; `a.b[2].c` and `a.b.2.c` are the same path. */
export function parseConfigPath(path: string): PathSegments {
  if (!/^[A-Za-z_][\w-]*(\.[\w-]+|\[\d+\])*$/.test(path)) {
    throw new ConfigError([{ path, message: 'not a config path: expected names joined by dots, with optional [index], e.g. losses[1].weight' }]);
  }
  const segments: PathSegments = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(/^\d+$/.test(match[1]!) ? Number(match[1]) : match[1]!);
  }
  return segments;
}

/** The canonical string of a parsed path: `losses[2].weight`. */
export function formatConfigPath(segments: readonly (string | number)[]): string {
  return segments.reduce<string>((out, s) => (typeof s === 'number' ? `${out}[${s}]` : out ? `${out}.${s}` : s), '');
}

/** Whether `path` is `prefix` or lies under it. */
export function isUnderPath(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}
