import * as tf from '@tensorflow/tfjs-core';
import { channelMean } from '../util/channel-mean.js';

/**
 * The Prelu gradient, replacing tfjs's for speed on wasm (its comparison, where and sum over
 * leading axes are slow loops there: 10-20 ms per ESPNet layer at 360x480): the same values in
 * float arithmetic. With p = step(x) (1 where x > 0, else 0, as tfjs's mask):
 * dx = dy * (p + alpha (1 - p)), exactly dy or dy * alpha, and dalpha = dy * x * (1 - p) summed to
 * alpha's shape (a per-channel alpha by a product with a row of ones).
 */
export const preluGradient: tf.GradConfig = {
  kernelName: tf.Prelu,
  inputsToSave: ['x', 'alpha'],
  gradFunc: (dy, saved) => {
    const [x, alpha] = saved as [tf.Tensor, tf.Tensor];
    const dyT = dy as tf.Tensor;
    const positive = tf.step(x);
    return {
      x: () => tf.mul(dyT, tf.add(positive, tf.mul(alpha, tf.sub(1, positive)))),
      alpha: () => sumToShape(tf.mul(tf.mul(dyT, x), tf.sub(1, positive)), alpha.shape),
    };
  },
};

/** `full` summed over the axes along which `shape` was broadcast to it, reshaped to `shape`. */
function sumToShape(full: tf.Tensor, shape: number[]): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const channels = full.shape[full.rank - 1]!;
  if (size === channels && shape[shape.length - 1] === channels && size > 1) {
    const rows = full.size / channels;
    return tf.reshape(tf.mul(channelMean(tf.reshape(full, [rows, channels])), rows), shape);
  }
  const axes = tf.backend_util.getReductionAxes(shape, full.shape);
  return tf.reshape(axes.length > 0 ? tf.sum(full, axes) : full, shape);
}
