import type * as tf from '@tensorflow/tfjs-core';
import { InternalError } from '@vidseg/core';

// INTERIM: waits for @vidseg/tfjs-ops' resizeBilinear.
export function resizeAlignCorners(x: tf.Tensor4D, size: readonly [number, number]): tf.Tensor4D {
  if (x.shape[1] === size[0] && x.shape[2] === size[1]) return x;
  throw new InternalError('resize not available yet');
}

export function resizeFlowAlignCorners(flow: tf.Tensor4D, size: readonly [number, number]): tf.Tensor4D {
  return resizeAlignCorners(flow, size);
}
