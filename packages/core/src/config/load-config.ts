import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors/config-error.js';
import type { ConfigFileSystem } from './config-file-system.js';
import { parseConfigPath } from './config-path.js';
import { vidsegConfigSchema } from './config-schema.js';
import { LayeredConfig } from './layered-config.js';
import { problemsFromZod } from './zod-problems.js';
import { parseOverride } from './overrides.js';

/** A configuration resolved from its files and overrides. */
export interface ResolvedConfig<T> {
  /** The validated config with defaults applied: plain JSON, safe to serialise. */
  readonly config: T;
  /** Every file read, base files first. */
  readonly files: readonly string[];
  /** The source (file or `--set ...`) that set the value at a config path. */
  sourceOf(path: string): string | undefined;
}

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions<S extends z.ZodType> {
  readonly fs: ConfigFileSystem;
  /** `path=value` strings, as given to `--set`; values are parsed as YAML scalars or lists. */
  readonly overrides?: readonly string[];
  /** The schema to validate against (default: the vidseg config schema). */
  readonly schema?: S;
}

/**
 * Loads a YAML or JSON config file: follows `extends` (a path or a list of paths, relative to the
 * file; cycles are errors), merges base files first, applies `--set` overrides, then validates and
 * applies defaults. Every error is a {@link ConfigError} naming the config path and the file.
 */
export async function loadConfig<S extends z.ZodType = typeof vidsegConfigSchema>(
  file: string,
  options: LoadConfigOptions<S>,
): Promise<ResolvedConfig<z.output<S>>> {
  const layers = new LayeredConfig();
  const files: string[] = [];
  await mergeFile(file, [], layers, files, options.fs);
  for (const override of options.overrides ?? []) {
    const { path, value } = parseOverride(override);
    try {
      layers.set(parseConfigPath(path), value, `--set ${override}`);
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError([{ path, message: `cannot apply override: ${(error as Error).message}` }], `--set ${override}`);
    }
  }
  const schema = (options.schema ?? vidsegConfigSchema) as S;
  const parsed = schema.safeParse(layers.value);
  if (!parsed.success) {
    const problems = problemsFromZod(parsed.error, schema).map((p) => ({ ...p, file: layers.sourceOf(p.path) ?? file }));
    throw new ConfigError(problems);
  }
  return { config: parsed.data as z.output<S>, files, sourceOf: (path) => layers.sourceOf(path) };
}

async function mergeFile(file: string, chain: readonly string[], layers: LayeredConfig, files: string[], fs: ConfigFileSystem): Promise<void> {
  if (chain.includes(file)) {
    throw new ConfigError([{ path: 'extends', message: `extends cycle: ${[...chain, file].join(' -> ')}` }], chain[chain.length - 1]);
  }
  const content = await parseConfigFile(file, fs, chain[chain.length - 1]);
  const { extends: bases, ...own } = content;
  const baseList = bases === undefined ? [] : Array.isArray(bases) ? bases : [bases];
  for (const [i, base] of baseList.entries()) {
    if (typeof base !== 'string') {
      const path = Array.isArray(bases) ? `extends[${i}]` : 'extends';
      throw new ConfigError([{ path, message: `expected a relative file path, got ${JSON.stringify(base)}` }], file);
    }
    await mergeFile(fs.resolve(file, base), [...chain, file], layers, files, fs);
  }
  layers.merge(own, file);
  files.push(file);
}

async function parseConfigFile(file: string, fs: ConfigFileSystem, extendedBy: string | undefined): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await fs.readText(file);
  } catch (error) {
    const reason = (error as { code?: unknown }).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    const where = extendedBy === undefined ? '' : ` (named by extends in ${extendedBy})`;
    throw new ConfigError([{ path: '', message: `cannot read the config file${where}: ${reason}` }], file, { cause: error });
  }
  let value: unknown;
  if (/\.json$/i.test(file)) {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ConfigError([{ path: '', message: `invalid JSON: ${(error as Error).message}` }], file);
    }
  } else if (/\.ya?ml$/i.test(file)) {
    const document = parseDocument(text, { prettyErrors: true });
    const first = document.errors[0];
    if (first) throw new ConfigError([{ path: '', message: `invalid YAML: ${first.message}` }], file);
    value = document.toJS();
  } else {
    throw new ConfigError([{ path: '', message: 'unsupported config file type: expected .yaml, .yml or .json' }], file);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError([{ path: '', message: `expected a mapping of keys to values at the top level, got ${Array.isArray(value) ? 'a list' : typeof value}` }], file);
  }
  return value as Record<string, unknown>;
}
