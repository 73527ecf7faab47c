import * as tf from '@tensorflow/tfjs-core';
import { assertRank4 } from '../util/assert-nhwc.js';
import { symmetricPadding } from '../util/explicit-padding.js';
import { poolWindow, type Pool2dOptions } from './pool-options.js';

/**
 * PyTorch's MaxPool2d (floor rounding; padding never wins the maximum) on NHWC input: tfjs's
 * maxPool with explicit padding, which skips padded positions, and its MaxPoolGrad.
 */
export function maxPool2d(x: tf.Tensor4D, options: Pool2dOptions): tf.Tensor4D {
  assertRank4(x, 'maxPool2d: x');
  const { kernel, stride, padding } = poolWindow(options, 'maxPool2d');
  return tf.maxPool(x, kernel, stride, symmetricPadding(padding));
}
