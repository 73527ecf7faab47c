import type * as tf from '@tensorflow/tfjs-core';
import { InternalError } from '@vidseg/core';

// INTERIM: waits for @vidseg/tfjs-ops' warpBilinear.
export function warpBilinear(_x: tf.Tensor4D, _flow: tf.Tensor4D): tf.Tensor4D {
  throw new InternalError('warp not available yet');
}
