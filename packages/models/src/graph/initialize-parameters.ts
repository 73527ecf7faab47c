import { SeededRandom, type NamedTensors } from '@vidseg/core';
import { elementCount } from '@vidseg/core';
import type { Graph } from './graph-types.js';

/**
 * Fresh parameters for training from scratch, identical on every engine for the same seed:
 * He-normal (std sqrt(2 / fan_in)) for convolution weights, the declared constants elsewhere
 * (BatchNorm weight 1, bias 0, running mean 0, running variance 1, PReLU slope 0.25).
 */
export function initializeParameters(graph: Graph, seed: number): NamedTensors {
  const random = new SeededRandom(seed);
  const tensors: NamedTensors = new Map();
  for (const param of graph.params) {
    const data = new Float32Array(elementCount(param.shape));
    const init = param.init;
    if (init.kind === 'constant') data.fill(init.value);
    else {
      const std = Math.sqrt(2 / init.fanIn);
      for (let i = 0; i < data.length; i++) data[i] = std * random.normal();
    }
    tensors.set(param.name, { dtype: 'F32', shape: [...param.shape], data });
  }
  return tensors;
}
