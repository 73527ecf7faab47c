import * as tf from '@tensorflow/tfjs-core';
import { withoutGradient } from '../tensor/without-gradient.js';

/** Online hard example mining: train only on pixels whose true class is not yet confidently predicted. */
export interface OhemSettings {
  /** Pixels whose true-class probability is above this are dropped... */
  readonly threshold: number;
  /** ...unless fewer than this many pixels would remain: then the `minKept` hardest are kept. */
  readonly minKept: number;
}

/**
 * The pixels OHEM keeps, as a float mask of `trueClassProbability`'s shape (no gradient flows
 * through the selection). As the reference's `OhemCrossEntropy2d` over the whole batch: with p the
 * true-class probability of each valid pixel, the threshold is `threshold`, raised to the
 * `minKept`-th smallest p when that is larger; pixels with p <= threshold are kept. When `minKept`
 * is at least the number of valid pixels, every valid pixel is kept.
 *
 * @param trueClassProbability - p per pixel, any shape.
 * @param valid - 1 where the pixel has a label that counts, 0 elsewhere; same shape.
 */
export function ohemKeepMask(trueClassProbability: tf.Tensor, valid: tf.Tensor, settings: OhemSettings): tf.Tensor {
  return withoutGradient((p: tf.Tensor, validity: tf.Tensor) => {
    const isValid = tf.greater(validity, 0);
    let threshold: tf.Tensor = tf.scalar(settings.threshold);
    if (settings.minKept > 0) {
      // Invalid pixels get p = 2, above every probability, so they are never among the smallest.
      const candidates = tf.reshape(tf.where(isValid, p, tf.fill(p.shape, 2)), [-1]);
      const k = Math.min(settings.minKept, candidates.size);
      const smallest = tf.neg(tf.topk(tf.neg(candidates), k, false).values);
      threshold = tf.maximum(threshold, tf.max(smallest));
    }
    return tf.cast(tf.logicalAnd(isValid, tf.lessEqual(p, threshold)), 'float32');
  })(trueClassProbability, valid);
}
