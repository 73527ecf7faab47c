import * as tf from '@tensorflow/tfjs-core';
import { cosineAffinity } from './affinity.js';

/**
 * The self-affinity of each sample's pooled map as a one-channel image, the form in which the
 * multi-frame ConvLSTM reads it: [N, P, P, 1] with P = pooled positions.
 *
 * @param pooled - [N, h, w, C] pooled map.
 */
export function selfAffinityImage(pooled: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.expandDims(cosineAffinity(pooled, pooled), -1) as tf.Tensor4D);
}
