import * as tf from '@tensorflow/tfjs-core';
import type { ConvInfo } from './conv-info.js';
import { zeroStuffedAdjoint } from './zero-stuffed-adjoint.js';

/**
 * Gradient of a depthwise convolution with respect to its input, for any stride, dilation, padding
 * and channel multiplier: a stride-1 depthwise convolution of the zero-stuffed output gradient with
 * the spatially flipped filter, summed over each channel's multiplier outputs. (Splitting a strided
 * one by output phase, as `conv2dInputGradient` does, is slower here: wasm's depthwise kernel is
 * fast only for the usual square kernels, and the phases' kernels are 1x1, 1x2, 2x1 and 2x2.)
 */
export function depthwiseInputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  return tf.tidy(() => {
    const [kh, kw, channels, multiplier] = filter.shape;
    const flipped = tf.reshape(tf.reverse(filter, [0, 1]), [kh, kw, channels * multiplier, 1]) as tf.Tensor4D;
    const { input, pad } = zeroStuffedAdjoint(dy, info);
    const perOutput = tf.depthwiseConv2d(input, flipped, 1, pad, 'NHWC', [info.dilationHeight, info.dilationWidth]);
    if (multiplier === 1) return perOutput;
    return tf.sum(tf.reshape(perOutput, [info.batchSize, info.inHeight, info.inWidth, channels, multiplier]), 4) as tf.Tensor4D;
  });
}
