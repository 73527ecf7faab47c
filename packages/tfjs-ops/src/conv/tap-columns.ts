import * as tf from '@tensorflow/tfjs-core';
import { infoPadding, type ConvInfo } from './conv-info.js';

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

/** A depthwise filter [kh, kw, channels, kh * kw] whose output t of each channel copies kernel tap t. */
function oneHotTapFilter(kh: number, kw: number, channels: number): tf.Tensor4D {
  const taps = kh * kw;
  const values = new Float32Array(taps * channels * taps);
  for (let t = 0; t < taps; t++) {
    for (let c = 0; c < channels; c++) values[(t * channels + c) * taps + t] = 1;
  }
  return tf.tensor4d(values, [kh, kw, channels, taps]);
}
