import * as tf from '@tensorflow/tfjs-core';
import type { ScalarCache } from './scalar-cache.js';

/**
 * Kernel: sum of coefficients[i] * t<i> over one to three tensors of one shape (inputs t0, t1, t2;
 * attribute `coefficients`). Registered for WebGPU only (`src/backend/webgpu/`), where it is one
 * dispatch instead of a product and a sum per term.
 */
export const LINEAR_COMBINATION = 'VidsegLinearCombination';

/** Most terms the {@link LINEAR_COMBINATION} kernel takes. */
export const MOST_TERMS = 3;

/**
 * sum of coefficient * tensor over `terms` (tensors of one shape), as the optimizer's and the running
 * averages' updates are: one {@link LINEAR_COMBINATION} kernel where the active backend has it, else
 * tfjs ops with the coefficients from `scalars`, left to right (a coefficient of 1 multiplies nothing),
 * which is bit for bit the arithmetic these updates had before the kernel existed.
 */
export function linearCombination(terms: ReadonlyArray<readonly [tf.Tensor, number]>, scalars: ScalarCache): tf.Tensor {
  const sameShape = terms.every(([t]) => tf.util.arraysEqual(t.shape, terms[0]![0].shape));
  if (terms.length <= MOST_TERMS && sameShape && tf.getKernel(LINEAR_COMBINATION, tf.getBackend())) {
    const inputs = Object.fromEntries(terms.map(([t], i) => [`t${i}`, t]));
    return tf.engine().runKernel(LINEAR_COMBINATION, inputs, { coefficients: terms.map(([, c]) => c) }) as tf.Tensor;
  }
  const scaled = terms.map(([t, c]) => (c === 1 ? t : tf.mul(t, scalars.get(c))));
  return scaled.slice(1).reduce((sum, t) => tf.add(sum, t), scaled[0]!);
}
