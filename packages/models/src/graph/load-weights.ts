import { DataError, type NamedTensors } from '@vidseg/core';
import type { Graph } from './graph-types.js';
import { matchParameters, type MisshapedTensor } from './match-parameters.js';

/** What matched and what did not when loading weights into a graph. */
export interface WeightReport {
  readonly loaded: readonly string[];
  /** Graph parameters the file does not have. */
  readonly missing: readonly string[];
  /** File tensors the graph does not declare. */
  readonly unexpected: readonly string[];
  /** Tensors present on both sides with different shapes. */
  readonly misshaped: readonly MisshapedTensor[];
}

/** Options of {@link loadWeights}. */
export interface LoadWeightsOptions {
  /** Load only parameters whose names start with one of these prefixes (e.g. `['backbone.']`). */
  readonly include?: readonly string[];
  /** Fill the parameters not loaded from a fresh initialisation with this seed (default 0). */
  readonly seed?: number;
  /** Accept file tensors the graph does not declare (default false). */
  readonly allowUnexpected?: boolean;
  /** Name of the source, for error messages. */
  readonly source?: string;
}

/**
 * The graph's parameters (in graph order) taken from `file` by name. Without `include`, every
 * parameter must be present with its exact shape and no extra tensor may be present; with it,
 * only the included ones must be, and the rest are freshly initialised. Anything else is a
 * {@link DataError} listing every missing, unexpected, mis-shaped and non-finite (NaN or infinite
 * values: a diverged or damaged file) tensor.
 */
export function loadWeights(graph: Graph, file: NamedTensors, options: LoadWeightsOptions = {}): { tensors: NamedTensors; report: WeightReport } {
  const wanted = (name: string) => !options.include || options.include.some((prefix) => name.startsWith(prefix));
  const declared = new Set(graph.params.map((p) => p.name));
  const { tensors, loaded, absent: missing, misshaped } = matchParameters(graph, file, options.seed ?? 0, wanted);
  const nonFinite = loaded.flatMap((name) => {
    const bad = nonFiniteCount(tensors.get(name)!.data as Float32Array);
    return bad > 0 ? [`not finite: ${name} has ${bad} NaN or infinite value(s)`] : [];
  });
  const unexpected = [...file.keys()].filter((name) => wanted(name) && !declared.has(name));
  const report: WeightReport = { loaded, missing, unexpected, misshaped };
  const problems = [
    ...missing.map((n) => `missing: ${n}`),
    ...(options.allowUnexpected ? [] : unexpected.map((n) => `unexpected: ${n}`)),
    ...misshaped.map((m) => `mis-shaped: ${m.name} is ${m.dtype} [${m.found.join(', ')}], expected F32 [${m.expected.join(', ')}]`),
    ...nonFinite,
  ];
  if (problems.length > 0) {
    throw new DataError(`${options.source ?? 'weights'}: ${problems.length} tensor(s) do not fit the model:\n  ${problems.join('\n  ')}`);
  }
  return { tensors, report };
}

function nonFiniteCount(values: Float32Array): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) count++;
  return count;
}
