import * as tf from '@tensorflow/tfjs-core';

/** mean((a - b)^2) over every element; `a` and `b` must have the same shape. */
export function meanSquaredError(a: tf.Tensor, b: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.squaredDifference(a, b)) as tf.Scalar);
}
