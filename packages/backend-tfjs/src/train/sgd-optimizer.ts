import * as tf from '@tensorflow/tfjs-core';
import { DataError, type NamedTensors } from '@vidseg/core';
import { linearCombination } from '../ops/linear-combination.js';
import { ScalarCache } from '../ops/scalar-cache.js';

/** Settings of {@link SgdOptimizer}. */
export interface SgdSettings {
  readonly momentum: number;
  readonly weightDecay: number;
}

/**
 * SGD with momentum and weight decay, as PyTorch's `torch.optim.SGD` (dampening 0, not Nesterov):
 * g = grad + weightDecay * p; buf = momentum * buf + g (buf = g at the first step); p -= lr * buf.
 * Weight decay applies to every trainable parameter, as in PyTorch's default.
 */
export class SgdOptimizer {
  private readonly buffers = new Map<string, tf.Tensor>();

  constructor(private readonly settings: SgdSettings) {}

  /**
   * Updates each variable of `parameters` that has a gradient in `gradients`, with the learning
   * rate `lr * multipliers.get(name)`. The hyperparameters are uploaded once per call, not per parameter.
   */
  apply(
    parameters: ReadonlyMap<string, tf.Variable>,
    gradients: ReadonlyMap<string, tf.Tensor>,
    lr: number,
    multipliers: ReadonlyMap<string, number>,
  ): void {
    const { momentum, weightDecay } = this.settings;
    const scalars = new ScalarCache();
    try {
      for (const [name, variable] of parameters) {
        const gradient = gradients.get(name);
        if (!gradient) continue;
        const previous = this.buffers.get(name);
        const buffer = tf.tidy(() => {
          // One linear combination each (one dispatch on WebGPU): buf = grad + weightDecay * p + momentum * buf; p -= rate * buf.
          const terms: [tf.Tensor, number][] = [[gradient, 1]];
          if (weightDecay > 0) terms.push([variable, weightDecay]);
          if (previous && momentum > 0) terms.push([previous, momentum]);
          const next = terms.length === 1 ? tf.clone(gradient) : linearCombination(terms, scalars);
          variable.assign(linearCombination([[variable, 1], [next, -lr * (multipliers.get(name) ?? 1)]], scalars));
          return next;
        });
        previous?.dispose();
        this.buffers.set(name, buffer);
      }
    } finally {
      scalars.dispose();
    }
  }

  /** The momentum buffers, copied to host memory (for checkpoints). */
  async state(): Promise<NamedTensors> {
    const state: NamedTensors = new Map();
    for (const [name, buffer] of this.buffers) state.set(name, { dtype: 'F32', shape: [...buffer.shape], data: (await buffer.data()) as Float32Array });
    return state;
  }

  /** Restores momentum buffers saved by {@link state}; each must match its parameter's shape. */
  load(state: NamedTensors, parameters: ReadonlyMap<string, tf.Variable>, source: string): void {
    for (const [name, host] of state) {
      const variable = parameters.get(name);
      if (!variable) throw new DataError(`${source}: momentum buffer "${name}" belongs to no trainable parameter`);
      if (host.dtype !== 'F32' || host.shape.join(',') !== variable.shape.join(',')) {
        throw new DataError(`${source}: momentum buffer "${name}" is ${host.dtype} [${host.shape.join(', ')}], expected F32 [${variable.shape.join(', ')}]`);
      }
    }
    this.dispose();
    for (const [name, host] of state) this.buffers.set(name, tf.tensor(host.data as Float32Array, [...host.shape], 'float32'));
  }

  dispose(): void {
    for (const buffer of this.buffers.values()) buffer.dispose();
    this.buffers.clear();
  }
}
