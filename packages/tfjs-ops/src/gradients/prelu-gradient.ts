import * as tf from '@tensorflow/tfjs-core';
import { PRELU_GRADIENT } from '../kernels/activation-gradients-wasm.js';
import { channelMean } from '../util/channel-mean.js';
import { runsAsKernel } from '../util/channel-passes.js';

/**
 * The Prelu gradient, replacing tfjs's for speed on wasm (its comparison, where and sum over
 * leading axes are slow loops there: 10-20 ms per ESPNet layer at 360x480): the same values in
 * float arithmetic. With p = step(x) (1 where x > 0, else 0, as tfjs's mask):
 * dx = dy * (p + alpha (1 - p)), exactly dy or dy * alpha, and dalpha = dy * x * (1 - p) summed to
 * alpha's shape (a per-channel alpha by `channelMean`). For a per-channel alpha, both as one
 * `PRELU_GRADIENT` kernel where the backend has it (wasm: one SIMD pass; WebGPU: `@vidseg/backend-tfjs`).
 */
export const preluGradient: tf.GradConfig = {
  kernelName: tf.Prelu,
  inputsToSave: ['x', 'alpha'],
  gradFunc: (dy, saved) => {
    const [x, alpha] = saved as [tf.Tensor, tf.Tensor];
    const dyT = dy as tf.Tensor;
    const channels = x.shape[x.rank - 1]!;
    if (runsAsKernel(PRELU_GRADIENT) && x.dtype === 'float32' && alpha.size === channels && alpha.shape[alpha.rank - 1] === channels) {
      // One kernel gives both gradients, so it runs here: tfjs calls each input's function in its
      // own tidy, which would dispose the second output after the first call.
      const [dx, dAlpha] = tf.engine().runKernel(PRELU_GRADIENT, { dy: dyT, x, alpha: tf.reshape(alpha, [channels]) }) as tf.Tensor[];
      return { x: () => dx!, alpha: () => tf.reshape(dAlpha!, alpha.shape) };
    }
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
