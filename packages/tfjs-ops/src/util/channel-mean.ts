import * as tf from '@tensorflow/tfjs-core';

/**
 * Kernel: the per-channel mean of x viewed as [rows, C], [1, C] (sums of x * (1 / rows), as the
 * product with a row of 1 / rows computes it). Registered by backends that have a fused form
 * (WebGPU: `@vidseg/backend-tfjs`); {@link channelMean} uses it where present.
 */
export const CHANNEL_MEAN = 'VidsegChannelMean';

/**
 * Per-channel mean of `rows` ([count, C]) as [1, C]. On wasm an average pool over all rows (viewed
 * as [1, count, 1, C]), one pass of XNNPACK's pooling: the product with a row of ones, used
 * elsewhere, makes XNNPACK pack the whole [count, C] matrix as weights on every call (5-12 ms per
 * MobileNetV2 batch norm at 360x480 instead of 0.1-0.3 ms). Other engines keep the product: on
 * WebGPU a pool runs one thread per channel over all rows: there the {@link CHANNEL_MEAN} kernel
 * (one or two dispatches where the product with a filled row took three or four).
 */
export function channelMean(rows: tf.Tensor): tf.Tensor2D {
  const [count, channels] = rows.shape as [number, number];
  const backend = tf.getBackend();
  return tf.tidy(() => {
    if (backend === 'wasm') return tf.reshape(tf.avgPool(tf.reshape(rows, [1, count, 1, channels]) as tf.Tensor4D, [count, 1], [count, 1], 'valid'), [1, channels]);
    if (tf.getKernel(CHANNEL_MEAN, backend)) return tf.engine().runKernel(CHANNEL_MEAN, { x: rows }) as tf.Tensor2D;
    return tf.matMul(tf.fill([1, count], 1 / count), rows as tf.Tensor2D);
  });
}
