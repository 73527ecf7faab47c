import * as tf from '@tensorflow/tfjs-core';
import type { ConvInfo } from './conv-info.js';
import { tapColumns } from './tap-columns.js';

/**
 * Gradient of a depthwise convolution with respect to its filter, [kh, kw, channels, multiplier],
 * for any stride, dilation and padding: per channel, the transposed im2col of that channel times
 * its output gradients (one batched matrix product over channels).
 */
export function depthwiseFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  return tf.tidy(() => {
    const channels = info.inChannels;
    const multiplier = info.outChannels / channels;
    const positions = info.batchSize * info.outHeight * info.outWidth;
    const columns = tf.reshape(tapColumns(x, info), [channels, info.filterHeight * info.filterWidth, positions]);
    const gradients = tf.transpose(tf.reshape(dy, [positions, channels, multiplier]), [1, 0, 2]);
    const product = tf.reshape(tf.matMul(columns, gradients), [channels, info.filterHeight, info.filterWidth, multiplier]);
    return tf.transpose(product, [1, 2, 0, 3]) as tf.Tensor4D;
  });
}
