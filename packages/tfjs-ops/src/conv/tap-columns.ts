import * as tf from '@tensorflow/tfjs-core';
import { infoPadding, type ConvInfo } from './conv-info.js';
import { oneHotTapFilter } from './one-hot-tap-filter.js';

/**
 * The input values a convolution reads, transposed im2col: a [C * KH * KW, N * OH * OW] matrix whose
 * row `c * KH * KW + t` holds channel c under kernel tap t (row-major over the kernel) at every
 * output position. Built by one depthwise convolution with one-hot filters, which applies the
 * stride, dilation and padding natively on every backend; a 1x1 stride-1 convolution without
 * padding reads the input as it is.
 */
export function tapColumns(x: tf.Tensor4D, info: ConvInfo): tf.Tensor2D {
  const taps = info.filterHeight * info.filterWidth;
  const positions = info.batchSize * info.outHeight * info.outWidth;
  const p = info.padInfo;
  const readsInputAsIs = taps === 1 && info.strideHeight === 1 && info.strideWidth === 1 && p.top + p.bottom + p.left + p.right === 0;
  return tf.tidy(() => {
    const patches = readsInputAsIs
      ? x
      : tf.depthwiseConv2d(
          x,
          oneHotTapFilter(info.filterHeight, info.filterWidth, info.inChannels),
          [info.strideHeight, info.strideWidth],
          infoPadding(info),
          'NHWC',
          [info.dilationHeight, info.dilationWidth],
        );
    return tf.transpose(tf.reshape(patches, [positions, info.inChannels * taps]));
  });
}
