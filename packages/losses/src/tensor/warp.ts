import type * as tf from '@tensorflow/tfjs-core';
import { warpBilinear } from '@vidseg/tfjs-ops';

/**
 * `x` [N, H, W, C] warped back along `flow` [N, H, W, 2]: out(p) = x(p + flow(p)), bilinear, with
 * sample positions clamped to the image (like FlowNet2's Resample2d, which the reference uses). The losses
 * mask positions outside the frame themselves, so the border rule only matters inside masks.
 */
export function warpClamped(x: tf.Tensor4D, flow: tf.Tensor4D): tf.Tensor4D {
  return warpBilinear(x, flow, { border: 'clamp' });
}
