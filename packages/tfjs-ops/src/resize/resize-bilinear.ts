import * as tf from '@tensorflow/tfjs-core';
import { assertRank4 } from '../util/assert-nhwc.js';
import { toPair, type PairLike } from '../util/pair.js';
import type { CoordinateMode } from '@vidseg/core';

/**
 * Bilinear resize of NHWC `x` to `size` ([height, width]) with an explicit coordinate mode, as ONNX
 * Resize (linear, with sizes) and PyTorch's interpolate compute it: tfjs's resizeBilinear, whose
 * three settings are exactly the three modes. Its gradient is right only once
 * `registerTrainingKernels` has replaced tfjs's (see `resizeBilinearGradient`).
 */
export function resizeBilinear(x: tf.Tensor4D, size: PairLike, mode: CoordinateMode): tf.Tensor4D {
  assertRank4(x, 'resizeBilinear: x');
  const [height, width] = toPair(size, 'resizeBilinear: size', 1);
  return tf.image.resizeBilinear(x, [height, width], mode === 'align-corners', mode === 'half-pixel');
}
