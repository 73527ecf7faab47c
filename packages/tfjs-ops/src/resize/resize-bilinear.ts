import * as tf from '@tensorflow/tfjs-core';
import { assertRank4 } from '../util/assert-nhwc.js';
import { toPair, type PairLike } from '../util/pair.js';
import type { ResizeCoordinateMode } from './coordinate-mode.js';
import { linearTaps } from './linear-taps.js';

/**
 * Bilinear resize of NHWC `x` to `size` ([height, width]) with an explicit coordinate mode, exactly
 * as ONNX Resize (linear, with sizes) and PyTorch's interpolate compute it. Written as a separable
 * pair of gathers along each axis, weighted on the host in float64; its gradient is gather's (a
 * segment sum), so it is right in every mode, where tfjs's ResizeBilinearGrad ignores
 * halfPixelCenters on cpu and wasm (and has the wrong shape on cpu for non-square inputs).
 */
export function resizeBilinear(x: tf.Tensor4D, size: PairLike, mode: ResizeCoordinateMode): tf.Tensor4D {
  assertRank4(x, 'resizeBilinear: x');
  const [outHeight, outWidth] = toPair(size, 'resizeBilinear: size', 1);
  return tf.tidy(() => resizeAxis(resizeAxis(x, 1, outHeight, mode), 2, outWidth, mode));
}

/** Linear resize of one spatial axis (1 = height, 2 = width); the identity when the length is unchanged. */
function resizeAxis(x: tf.Tensor4D, axis: 1 | 2, outLength: number, mode: ResizeCoordinateMode): tf.Tensor4D {
  const inLength = x.shape[axis];
  if (inLength === outLength) return x;
  const { lower, upper, weight } = linearTaps(inLength, outLength, mode);
  const weightShape = axis === 1 ? [1, outLength, 1, 1] : [1, 1, outLength, 1];
  const below = tf.gather(x, tf.tensor1d(lower, 'int32'), axis);
  if (weight.every((w) => w === 0)) return below;
  const above = tf.gather(x, tf.tensor1d(upper, 'int32'), axis);
  return tf.add(below, tf.mul(tf.sub(above, below), tf.tensor(weight, weightShape)));
}
