import type { HostTensor, NamedTensors } from '@vidseg/core';
import type { Graph } from './graph-types.js';
import { initializeParameters } from './initialize-parameters.js';

/** A file tensor whose shape (or element type) does not fit the graph parameter of its name. */
export interface MisshapedTensor {
  readonly name: string;
  readonly expected: readonly number[];
  readonly found: readonly number[];
  /** The file tensor's element type (parameters are always F32). */
  readonly dtype: HostTensor['dtype'];
}

/** How the graph's parameters matched a file, by name: see {@link matchParameters}. */
export interface ParameterMatch {
  /** Every parameter in graph order: the file's tensor where it loaded, else a fresh value. */
  readonly tensors: NamedTensors;
  /** Parameters taken from the file. */
  readonly loaded: readonly string[];
  /** Parameters to take that the file does not have (initialised). */
  readonly absent: readonly string[];
  /** Parameters to take that the file has with another shape or element type (initialised). */
  readonly misshaped: readonly MisshapedTensor[];
}

/**
 * Takes each parameter of `graph` for which `take(name)` holds from `file` when the file has it as
 * F32 with the parameter's exact shape; every other parameter gets its fresh value. Fresh values
 * come from one initialisation of the whole graph with `seed` (so a parameter gets the same value
 * whatever else is loaded), drawn only when some parameter needs one.
 */
export function matchParameters(graph: Graph, file: ReadonlyMap<string, HostTensor>, seed: number, take: (name: string) => boolean = () => true): ParameterMatch {
  let fresh: NamedTensors | undefined;
  const freshValue = (name: string) => (fresh ??= initializeParameters(graph, seed)).get(name)!;
  const tensors: NamedTensors = new Map();
  const loaded: string[] = [];
  const absent: string[] = [];
  const misshaped: MisshapedTensor[] = [];
  for (const param of graph.params) {
    const tensor = take(param.name) ? file.get(param.name) : undefined;
    const fits = tensor !== undefined && tensor.dtype === 'F32' && tensor.shape.length === param.shape.length && tensor.shape.every((d, i) => d === param.shape[i]);
    if (fits) {
      tensors.set(param.name, tensor);
      loaded.push(param.name);
      continue;
    }
    if (take(param.name)) {
      if (tensor) misshaped.push({ name: param.name, expected: param.shape, found: tensor.shape, dtype: tensor.dtype });
      else absent.push(param.name);
    }
    tensors.set(param.name, freshValue(param.name));
  }
  return { tensors, loaded, absent, misshaped };
}
