import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import { assertRank4 } from '../util/assert-nhwc.js';
import { symmetricPadding } from '../util/explicit-padding.js';
import { poolWindow, type Pool2dOptions } from './pool-options.js';

/** PyTorch AvgPool2d attributes. */
export interface AvgPool2dOptions extends Pool2dOptions {
  /** Whether zero padding counts in each window's divisor (PyTorch `count_include_pad`). Default true. */
  readonly countIncludePad?: boolean;
}

/**
 * PyTorch's AvgPool2d (floor rounding) on NHWC input, with both `countIncludePad` rules. It always
 * pools the explicitly zero-padded input without padding (every window full, divisor kh * kw);
 * without `countIncludePad` the result is rescaled by kh * kw / (real pixels in the window). So the
 * forward pass and the gradient agree by construction: tfjs's AvgPoolGrad divides by kh * kw even
 * where its padded AvgPool divided by fewer.
 */
export function avgPool2d(x: tf.Tensor4D, options: AvgPool2dOptions): tf.Tensor4D {
  assertRank4(x, 'avgPool2d: x');
  const { kernel, stride, padding } = poolWindow(options, 'avgPool2d');
  const [, height, width] = x.shape;
  if (height + 2 * padding[0] < kernel[0] || width + 2 * padding[1] < kernel[1]) {
    throw new UsageError(`avgPool2d: kernel [${kernel}] is larger than the padded input of [${x.shape.join(', ')}]`);
  }
  const padded = padding[0] + padding[1] > 0;
  return tf.tidy(() => {
    const pooled = tf.avgPool(padded ? tf.pad(x, symmetricPadding(padding)) : x, kernel, stride, 'valid');
    if (!padded || (options.countIncludePad ?? true)) return pooled;
    const [, outHeight, outWidth] = pooled.shape;
    const rows = coverage(height, kernel[0], stride[0], padding[0], outHeight);
    const cols = coverage(width, kernel[1], stride[1], padding[1], outWidth);
    const rescale = new Float32Array(outHeight * outWidth);
    for (let i = 0; i < outHeight; i++) {
      for (let j = 0; j < outWidth; j++) rescale[i * outWidth + j] = (kernel[0] * kernel[1]) / (rows[i]! * cols[j]!);
    }
    return tf.mul(pooled, tf.tensor4d(rescale, [1, outHeight, outWidth, 1]));
  });
}

/** For each output position on one axis, how many of its window's positions are real (not padding). */
function coverage(length: number, kernel: number, stride: number, padding: number, outLength: number): number[] {
  return Array.from({ length: outLength }, (_, i) => {
    const start = i * stride - padding;
    return Math.min(start + kernel, length) - Math.max(start, 0);
  });
}
