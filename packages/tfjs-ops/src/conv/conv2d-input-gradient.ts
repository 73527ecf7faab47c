import * as tf from '@tensorflow/tfjs-core';
import type { ConvInfo } from './conv-info.js';
import { filterTaps, flipsAllTaps, phasedInputGradient } from './input-gradient-phases.js';

/**
 * Kernel: a [kh, kw, in, out] filter flipped in both spatial axes with in and out swapped,
 * [kh, kw, out, in] (the filter of a stride-1 convolution's input gradient). Registered by backends
 * that have it as one pass (WebGPU: `@vidseg/backend-tfjs`); elsewhere a reverse and a transpose.
 */
export const FLIPPED_TRANSPOSED_FILTER = 'VidsegFlippedTransposedFilter';

/**
 * Gradient of a (groups = 1) convolution with respect to its input, for any stride, dilation and
 * padding: per output phase, a stride-1 forward convolution of the output gradient with the
 * phase's filter taps flipped in space and with in/out swapped (`phasedInputGradient`). It runs on
 * the fast forward kernel with the forward pass's multiply-adds (wasm's own Conv2DBackpropInput is
 * a plain loop, about 10x slower than the forward pass).
 */
export function conv2dInputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  const oneKernel = tf.getKernel(FLIPPED_TRANSPOSED_FILTER, tf.getBackend()) !== undefined;
  return phasedInputGradient(dy, info, info.inChannels, (input, rows, cols, pad, dilation) => {
    const taps =
      oneKernel && flipsAllTaps(filter, rows, cols)
        ? (tf.engine().runKernel(FLIPPED_TRANSPOSED_FILTER, { filter }) as tf.Tensor4D)
        : (tf.transpose(filterTaps(filter, rows, cols), [0, 1, 3, 2]) as tf.Tensor4D);
    return tf.conv2d(input, taps, 1, pad, 'NHWC', dilation);
  });
}
