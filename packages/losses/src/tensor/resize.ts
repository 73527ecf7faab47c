import * as tf from '@tensorflow/tfjs-core';
import { resizeBilinear } from '@vidseg/tfjs-ops';

/**
 * Bilinear resize of NHWC `x` to `size` ([height, width]) with align-corners coordinates (the
 * corner pixels of input and output coincide), as the reference's `F.upsample(...,
 * align_corners=True)`; `x` itself when it already has that size.
 */
export function resizeAlignCorners(x: tf.Tensor4D, size: readonly [number, number]): tf.Tensor4D {
  if (x.shape[1] === size[0] && x.shape[2] === size[1]) return x;
  return resizeBilinear(x, size, 'align-corners');
}

/**
 * A flow field [N, H, W, 2] (pixels of its grid) resized to `size` = [h, w] and expressed in
 * pixels of the new grid, consistently with {@link resizeAlignCorners}: under align-corners a
 * position x of the old grid is x (w - 1) / (W - 1) on the new one, so the vectors are resized
 * bilinearly and their components multiplied by (w - 1) / (W - 1) and (h - 1) / (H - 1).
 */
export function resizeFlowAlignCorners(flow: tf.Tensor4D, size: readonly [number, number]): tf.Tensor4D {
  const [, height, width] = flow.shape;
  if (height === size[0] && width === size[1]) return flow;
  const scale = (to: number, from: number) => (from > 1 ? (to - 1) / (from - 1) : 1);
  return tf.tidy(() => tf.mul(resizeAlignCorners(flow, size), tf.tensor1d([scale(size[1], width), scale(size[0], height)])) as tf.Tensor4D);
}
