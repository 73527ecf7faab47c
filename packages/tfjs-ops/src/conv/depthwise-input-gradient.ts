import * as tf from '@tensorflow/tfjs-core';
import type { ConvInfo } from './conv-info.js';
import { filterTaps, phasedInputGradient } from './input-gradient-phases.js';

/**
 * Gradient of a depthwise convolution with respect to its input, for any stride, dilation, padding
 * and channel multiplier: per output phase, a stride-1 depthwise convolution of the output
 * gradient with the phase's filter taps flipped (`phasedInputGradient`), summed over each channel's
 * multiplier outputs.
 */
export function depthwiseInputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  const [, , channels, multiplier] = filter.shape;
  return phasedInputGradient(dy, info, channels, (input, rows, cols, pad, dilation) => {
    const taps = tf.reshape(filterTaps(filter, rows, cols), [rows.length, cols.length, channels * multiplier, 1]) as tf.Tensor4D;
    const perOutput = tf.depthwiseConv2d(input, taps, 1, pad, 'NHWC', dilation);
    if (multiplier === 1) return perOutput;
    const [n, h, w] = perOutput.shape;
    return tf.sum(tf.reshape(perOutput, [n, h, w, channels, multiplier]), 4) as tf.Tensor4D;
  });
}
