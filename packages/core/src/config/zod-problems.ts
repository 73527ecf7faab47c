import type { z } from 'zod';
import { joinConfigPath, type ConfigProblem } from '../errors/config-error.js';
import { didYouMean } from '../text/did-you-mean.js';

/** `losses[2].weight` from a zod issue path `['losses', 2, 'weight']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out = typeof key === 'number' ? joinConfigPath(out, key) : joinConfigPath(out, String(key));
  return out;
}

/** zod 4's schema definition (`_zod.def`), its documented introspection surface. */
function defOf(schema: z.ZodType): Record<string, unknown> {
  return (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
}

/**
 * The schema that validates the value at `path` inside `schema`, looking through optional,
 * default, nullable, pipe, array and record wrappers; undefined when the path leaves the schema.
 */
export function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  const unwrap = (s: z.ZodType): z.ZodType => {
    let node = s;
    for (;;) {
      const def = defOf(node);
      if (def.innerType) node = def.innerType as z.ZodType;
      else if (def.type === 'pipe') node = def.in as z.ZodType;
      else return node;
    }
  };
  for (const key of path) {
    if (!current) return undefined;
    const def = defOf(unwrap(current));
    if (def.type === 'object') current = (def.shape as Record<string, z.ZodType>)[String(key)];
    else if (def.type === 'array') current = def.element as z.ZodType;
    else if (def.type === 'record') current = def.valueType as z.ZodType;
    else return undefined;
  }
  return current ? unwrap(current) : undefined;
}

/** The keys an object schema accepts (empty for non-object schemas). */
export function objectKeys(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const def = defOf(schema);
  return def.type === 'object' ? Object.keys(def.shape as Record<string, unknown>) : [];
}

/**
 * Config problems from a failed zod validation: one per issue, with the config path (prefixed by
 * `prefix`), unknown keys with a did-you-mean, and missing values said plainly.
 */
export function problemsFromZod(error: z.ZodError, schema: z.ZodType, prefix = ''): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of error.issues) {
    const path = joinConfigPath(prefix, formatPath(issue.path));
    if (issue.code === 'unrecognized_keys') {
      const allowed = objectKeys(schemaAt(schema, issue.path));
      for (const key of issue.keys) {
        problems.push({
          path: joinConfigPath(path, key),
          message: `unknown key "${key}"${didYouMean(key, allowed)}; allowed keys: ${allowed.join(', ') || '(none)'}`,
        });
      }
      continue;
    }
    const message = issue.message.replace(/^Invalid input: expected (.+), received undefined$/, 'missing value: expected $1');
    problems.push({ path, message });
  }
  return problems;
}
