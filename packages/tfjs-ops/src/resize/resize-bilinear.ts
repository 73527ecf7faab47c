import * as tf from '@tensorflow/tfjs-core';
import { assertRank4 } from '../util/assert-nhwc.js';
import { toPair, type PairLike } from '../util/pair.js';
import type { ResizeCoordinateMode } from './coordinate-mode.js';
import { linearResizeAdjoint } from './linear-resize-adjoint.js';

/**
 * Bilinear resize of NHWC `x` to `size` ([height, width]) with an explicit coordinate mode, as ONNX
 * Resize (linear, with sizes) and PyTorch's interpolate compute it. The forward pass is tfjs's
 * resizeBilinear kernel, whose three settings are exactly the three modes; the gradient is this
 * package's (`linearResizeAdjoint`), because tfjs's ResizeBilinearGrad ignores halfPixelCenters on
 * cpu and wasm (and returns a transposed shape on cpu for non-square inputs).
 */
export function resizeBilinear(x: tf.Tensor4D, size: PairLike, mode: ResizeCoordinateMode): tf.Tensor4D {
  assertRank4(x, 'resizeBilinear: x');
  const [outHeight, outWidth] = toPair(size, 'resizeBilinear: size', 1);
  const [, height, width] = x.shape;
  const resize = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const input = args[0] as tf.Tensor4D;
    const value = tf.image.resizeBilinear(input, [outHeight, outWidth], mode === 'align-corners', mode === 'half-pixel');
    const gradFunc = (dy: tf.Tensor) => [linearResizeAdjoint(dy as tf.Tensor4D, [height, width], mode)];
    return { value, gradFunc };
  });
  return resize(x) as tf.Tensor4D;
}
