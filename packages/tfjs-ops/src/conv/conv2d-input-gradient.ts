import * as tf from '@tensorflow/tfjs-core';
import type { ConvInfo } from './conv-info.js';
import { filterTaps, phasedInputGradient } from './input-gradient-phases.js';

/**
 * Gradient of a (groups = 1) convolution with respect to its input, for any stride, dilation and
 * padding: per output phase, a stride-1 forward convolution of the output gradient with the
 * phase's filter taps flipped in space and with in/out swapped (`phasedInputGradient`). It runs on
 * the fast forward kernel with the forward pass's multiply-adds (wasm's own Conv2DBackpropInput is
 * a plain loop, about 10x slower than the forward pass).
 */
export function conv2dInputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  return phasedInputGradient(dy, info, info.inChannels, (input, rows, cols, pad, dilation) => {
    const taps = tf.transpose(filterTaps(filter, rows, cols), [0, 1, 3, 2]) as tf.Tensor4D;
    return tf.conv2d(input, taps, 1, pad, 'NHWC', dilation);
  });
}
