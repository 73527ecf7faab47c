import { DataError, type HostTensor, type NamedTensors } from '@vidseg/core';
import type { Graph } from './graph-types.js';
import { initializeParameters } from './initialize-parameters.js';

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

/** A file tensor whose shape (or element type) does not fit the graph parameter of its name. */
export interface MisshapedTensor {
  readonly name: string;
  readonly expected: readonly number[];
  readonly found: readonly number[];
  /** The file tensor's element type (parameters are always F32). */
  readonly dtype: HostTensor['dtype'];
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
  const declared = new Map(graph.params.map((p) => [p.name, p]));
  // Fresh values are drawn for the whole graph (so a parameter gets the same value whatever else
  // is loaded), but only when some parameter actually needs one.
  let fresh: NamedTensors | undefined;
  const freshValue = (name: string) => (fresh ??= initializeParameters(graph, options.seed ?? 0)).get(name)!;
  const tensors: NamedTensors = new Map();
  const loaded: string[] = [];
  const missing: string[] = [];
  const misshaped: MisshapedTensor[] = [];
  const nonFinite: string[] = [];
  for (const param of graph.params) {
    const tensor = file.get(param.name);
    if (!wanted(param.name) || !tensor) {
      if (wanted(param.name)) missing.push(param.name);
      tensors.set(param.name, freshValue(param.name));
      continue;
    }
    const same = tensor.shape.length === param.shape.length && tensor.shape.every((d, i) => d === param.shape[i]);
    if (!same || tensor.dtype !== 'F32') {
      misshaped.push({ name: param.name, expected: param.shape, found: tensor.shape, dtype: tensor.dtype });
      continue;
    }
    const bad = nonFiniteCount(tensor.data as Float32Array);
    if (bad > 0) nonFinite.push(`not finite: ${param.name} has ${bad} NaN or infinite value(s)`);
    tensors.set(param.name, tensor);
    loaded.push(param.name);
  }
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
