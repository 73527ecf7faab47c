import * as tf from '@tensorflow/tfjs-core';

/**
 * One-hot float32 encoding of int32 class ids along a new last axis; rows of ids outside
 * [0, depth) are all zero. (tfjs-backend-wasm 4.22 returns all zeros for `tf.oneHot(..., 'float32')`,
 * so the int32 encoding is cast instead.)
 */
export function oneHotFloat(labels: tf.Tensor, depth: number): tf.Tensor {
  return tf.tidy(() => tf.cast(tf.oneHot(labels, depth), 'float32'));
}
