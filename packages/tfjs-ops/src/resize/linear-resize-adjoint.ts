import * as tf from '@tensorflow/tfjs-core';
import type { CoordinateMode } from '@vidseg/core';
import { linearTaps } from './linear-taps.js';

/**
 * The adjoint (gradient) of a bilinear resize of an NHWC image of `inSize` to the size of `dy`:
 * along each axis, every output's gradient is added to its two input taps with the taps' weights
 * (one ScatterNd per axis, which adds what lands on the same row). Exact for every coordinate mode.
 */
export function linearResizeAdjoint(dy: tf.Tensor4D, inSize: readonly [number, number], mode: CoordinateMode): tf.Tensor4D {
  const [n, outHeight, outWidth, c] = dy.shape;
  const [height, width] = inSize;
  return tf.tidy(() => {
    const alongWidth = axisAdjoint(tf.reshape(dy, [n * outHeight, outWidth, c]), width, mode);
    const alongHeight = axisAdjoint(tf.reshape(alongWidth, [n, outHeight, width * c]), height, mode);
    return tf.reshape(alongHeight, [n, height, width, c]);
  });
}

/** The adjoint of a linear resize of axis 1 of [rows, inLength, inner] to the length of axis 1 of `dy`. */
function axisAdjoint(dy: tf.Tensor3D, inLength: number, mode: CoordinateMode): tf.Tensor3D {
  const [rows, outLength, inner] = dy.shape;
  if (outLength === inLength) return dy;
  const { lower, upper, weight } = linearTaps(inLength, outLength, mode);
  const count = rows * outLength;
  const targets = new Int32Array(2 * count);
  const scales = new Float32Array(2 * count);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < outLength; o++) {
      const k = r * outLength + o;
      targets[k] = r * inLength + lower[o]!;
      scales[k] = 1 - weight[o]!;
      targets[count + k] = r * inLength + upper[o]!;
      scales[count + k] = weight[o]!;
    }
  }
  const values = tf.reshape(dy, [count, inner]);
  const updates = tf.mul(tf.concat([values, values]), tf.tensor2d(scales, [2 * count, 1]));
  const summed = tf.scatterND(tf.tensor2d(targets, [2 * count, 1], 'int32'), updates, [rows * inLength, inner]);
  return tf.reshape(summed, [rows, inLength, inner]);
}
