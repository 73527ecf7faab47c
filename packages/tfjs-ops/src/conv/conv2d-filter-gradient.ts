import * as tf from '@tensorflow/tfjs-core';
import type { ConvInfo } from './conv-info.js';
import { tapColumns } from './tap-columns.js';

/**
 * Gradient of a (groups = 1) convolution with respect to its filter, [kh, kw, in, out], for any
 * stride, dilation and padding: the transposed im2col of the input times the output gradient, one
 * matrix product with the same multiply-adds as the forward pass.
 */
export function conv2dFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  return tf.tidy(() => {
    const positions = info.batchSize * info.outHeight * info.outWidth;
    const product = tf.matMul(tapColumns(x, info), tf.reshape(dy, [positions, info.outChannels]));
    const byChannel = tf.reshape(product, [info.inChannels, info.filterHeight, info.filterWidth, info.outChannels]);
    return tf.transpose(byChannel, [1, 2, 0, 3]) as tf.Tensor4D;
  });
}
