import { problemsFromZod, UsageError } from '@vidseg/core';
import type { z } from 'zod';

/**
 * `input` validated by a model's options `schema`, with defaults applied. Invalid options are a
 * {@link UsageError} that names the model and every bad option.
 */
export function parseModelOptions<S extends z.ZodType>(model: string, schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const problems = problemsFromZod(parsed.error, schema).map((p) => `${p.path || '(options)'}: ${p.message}`);
  throw new UsageError(`invalid options for model "${model}":\n  ${problems.join('\n  ')}`);
}
