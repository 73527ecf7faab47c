import { DataError, type NamedTensors } from '@vidseg/core';
import type { Graph } from './graph-types.js';
import { matchParameters, type MisshapedTensor } from './match-parameters.js';

/** How to initialise a model from a weights file of another (or the same) architecture. */
export interface InitFromWeightsOptions {
  /**
   * Prefix rewrites from file names to model names: `{ '': 'encoder.' }` loads `level1.conv.weight`
   * into `encoder.level1.conv.weight`. The longest matching prefix applies; names matching none
   * keep their name.
   */
  readonly map?: Readonly<Record<string, string>>;
  /** Model parameter name patterns (`*` matches any run of characters) to leave at their initialisation. */
  readonly skip?: readonly string[];
  /** A tensor whose shape differs from its parameter's is an error instead of a skip (default false). */
  readonly strict?: boolean;
  /** Seed of the fresh initialisation of the parameters not loaded (default 0). */
  readonly seed?: number;
  /** The file's name, for messages and the report. */
  readonly source?: string;
}

/** What an initialisation from weights did, tensor by tensor (model names). */
export interface InitReport {
  readonly source: string;
  /** Parameters (BatchNorm running statistics included) taken from the file. */
  readonly loaded: readonly string[];
  /** Parameters the file has under another shape (e.g. a 20-class classifier for 12 classes): initialised. */
  readonly skippedByShape: readonly string[];
  /** Parameters a `skip` pattern names: initialised. */
  readonly skippedByPattern: readonly string[];
  /** Parameters the file does not have: initialised. */
  readonly notFound: readonly string[];
  /** File tensors (after `map`) that name no parameter of the model. */
  readonly unused: readonly string[];
  /** The shapes behind {@link skippedByShape}. */
  readonly shapeMismatches: readonly MisshapedTensor[];
}

/** A `skip` pattern as an anchored regular expression (`*` is any run of characters). */
function patternRegex(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** `name` rewritten by the longest prefix of `map` it starts with. */
function mapName(name: string, map: Readonly<Record<string, string>>): string {
  const from = Object.keys(map)
    .filter((prefix) => name.startsWith(prefix))
    .sort((a, b) => b.length - a.length)[0];
  return from === undefined ? name : map[from] + name.slice(from.length);
}

/**
 * Every parameter of `graph`, taken by name from `file` where the names (after `map`) and shapes
 * agree and no `skip` pattern names it, freshly initialised (seeded) otherwise; with the report of
 * what happened to each. A file none of whose tensors loads is a {@link DataError} (never a silent
 * random start), and so is a shape mismatch under `strict`.
 */
export function initFromWeights(graph: Graph, file: NamedTensors, options: InitFromWeightsOptions = {}): { tensors: NamedTensors; report: InitReport } {
  const source = options.source ?? 'weights';
  const skip = (options.skip ?? []).map(patternRegex);
  const mapped = new Map([...file].map(([name, tensor]) => [mapName(name, options.map ?? {}), tensor]));
  const skipped = (name: string) => skip.some((pattern) => pattern.test(name));
  const { tensors, loaded, absent: notFound, misshaped: shapeMismatches } = matchParameters(graph, mapped, options.seed ?? 0, (name) => !skipped(name));
  const skippedByPattern = graph.params.map((p) => p.name).filter(skipped);
  const declared = new Set(graph.params.map((p) => p.name));
  const unused = [...mapped.keys()].filter((name) => !declared.has(name));
  if (loaded.length === 0) {
    throw new DataError(
      `${source}: matches nothing in the model: none of its ${file.size} tensors names a parameter with the same shape ` +
        `(file: ${[...mapped.keys()].slice(0, 3).join(', ')}, ...; model: ${graph.params.slice(0, 3).map((p) => p.name).join(', ')}, ...)`,
      { hint: "rewrite the file's name prefixes with model.init.map (e.g. { '': 'encoder.' } for an ESPNet-C encoder)" },
    );
  }
  if (options.strict && shapeMismatches.length > 0) {
    const lines = shapeMismatches.map((m) => `${m.name}: file [${m.found.join(', ')}], model [${m.expected.join(', ')}]`);
    throw new DataError(`${source}: ${shapeMismatches.length} tensor(s) differ in shape from the model (strict):\n  ${lines.join('\n  ')}`, {
      hint: 'drop strict to re-initialise them, or skip them by pattern',
    });
  }
  const skippedByShape = shapeMismatches.map((m) => m.name);
  return { tensors, report: { source, loaded, skippedByShape, skippedByPattern, notFound, unused, shapeMismatches } };
}
