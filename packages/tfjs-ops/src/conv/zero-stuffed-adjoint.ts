import * as tf from '@tensorflow/tfjs-core';
import { explicitPadding, type ExplicitPadding } from '../util/explicit-padding.js';
import type { ConvInfo } from './conv-info.js';

/**
 * The input and padding of the stride-1 convolution (with the original dilation and the spatially
 * flipped filter) that computes a convolution's input gradient from its output gradient `dy`:
 * `dy` with stride - 1 zeros inserted after every row and column, padded (or cropped, where the
 * padding is negative) so that the result has the forward input's height and width.
 *
 * Per axis: dx[i] = sum_k dy[(i + pad - k d) / s] w[k], a correlation of the zero-stuffed dy with
 * the flipped kernel after (K - 1) d - pad leading zeros.
 */
export function zeroStuffedAdjoint(dy: tf.Tensor4D, info: ConvInfo): { input: tf.Tensor4D; pad: ExplicitPadding } {
  const stuffed = insertZeros(dy, info.strideHeight, info.strideWidth);
  const [, stuffedHeight, stuffedWidth] = stuffed.shape;
  const top = (info.filterHeight - 1) * info.dilationHeight - info.padInfo.top;
  const bottom = info.inHeight - stuffedHeight + info.padInfo.top;
  const left = (info.filterWidth - 1) * info.dilationWidth - info.padInfo.left;
  const right = info.inWidth - stuffedWidth + info.padInfo.left;
  const crop = [Math.max(0, -top), Math.max(0, -bottom), Math.max(0, -left), Math.max(0, -right)] as const;
  const input =
    crop.some((c) => c > 0)
      ? tf.slice(stuffed, [0, crop[0], crop[2], 0], [-1, stuffedHeight - crop[0] - crop[1], stuffedWidth - crop[2] - crop[3], -1])
      : stuffed;
  return { input, pad: explicitPadding(Math.max(0, top), Math.max(0, bottom), Math.max(0, left), Math.max(0, right)) };
}

/** `x` with `sh - 1` zero rows after every row and `sw - 1` zero columns after every column. */
function insertZeros(x: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  if (sh === 1 && sw === 1) return x;
  const [n, h, w, c] = x.shape;
  const spread = tf.pad(tf.reshape(x, [n, h, 1, w, 1, c]), [
    [0, 0],
    [0, 0],
    [0, sh - 1],
    [0, 0],
    [0, sw - 1],
    [0, 0],
  ]);
  return tf.reshape(spread, [n, h * sh, w * sw, c]);
}
