import * as tf from '@tensorflow/tfjs-core';

/**
 * `fn` as an op whose internals are not recorded for differentiation and whose gradient with
 * respect to every input is zero: for masks and selections computed from values on the gradient
 * path. (Comparisons and logical ops have no registered gradient, so tfjs refuses to
 * differentiate a graph that contains them on the path, even where their contribution is zero;
 * ops run inside a custom gradient's forward function are not taped.)
 */
export function withoutGradient<A extends tf.Tensor[]>(fn: (...inputs: A) => tf.Tensor): (...inputs: A) => tf.Tensor {
  return tf.customGrad((...args) => {
    const inputs = args.slice(0, -1) as A;
    return { value: fn(...inputs), gradFunc: () => inputs.map((input) => tf.zeros(input.shape)) };
  }) as (...inputs: A) => tf.Tensor;
}
