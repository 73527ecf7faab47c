import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import { oneHotFloat } from '../tensor/one-hot.js';
import { assertDtype, assertShape } from '../tensor/tensor-checks.js';
import { ohemKeepMask, type OhemSettings } from './ohem.js';

/** How {@link crossEntropy} weighs and selects pixels. */
export interface CrossEntropySettings {
  /** Label value of pixels that never count. */
  readonly ignoreLabel: number;
  /** One weight per class (length K); all 1 when omitted. */
  readonly classWeights?: readonly number[];
  /** Online hard example mining; every valid pixel counts when omitted. */
  readonly ohem?: OhemSettings;
}

/**
 * Pixel-wise cross-entropy as PyTorch's `CrossEntropyLoss(weight, ignore_index)`:
 *
 *   L = sum_i m_i w_{y_i} (-log softmax(z_i)_{y_i}) / sum_i m_i w_{y_i}
 *
 * over every pixel i of the batch, where m_i is 1 for pixels whose label is a class id in [0, K)
 * other than `ignoreLabel` (and, with OHEM, that OHEM keeps) and 0 elsewhere. 0 when no pixel counts.
 *
 * @param logits - [N, H, W, K] class scores at the labels' resolution.
 * @param labels - [N, H, W] int32 class ids.
 */
export function crossEntropy(logits: tf.Tensor, labels: tf.Tensor, settings: CrossEntropySettings): tf.Scalar {
  assertShape(logits, [undefined, undefined, undefined, undefined], 'cross-entropy logits', '[N, H, W, K]');
  const [n, h, w, classes] = logits.shape as [number, number, number, number];
  assertShape(labels, [n, h, w], 'cross-entropy labels', '[N, H, W] (matching the logits)');
  assertDtype(labels, 'int32', 'cross-entropy labels');
  const { classWeights, ignoreLabel, ohem } = settings;
  if (classWeights && classWeights.length !== classes) {
    throw new UsageError(`cross-entropy: ${classWeights.length} class weights given for logits with ${classes} classes`);
  }
  return tf.tidy(() => {
    // One-hot rows are all zero for labels outside [0, K) (the usual ignore label 255), so such
    // pixels get zero weight without a comparison.
    const oneHot = oneHotFloat(labels, classes);
    const negLogLikelihood = tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), -1));
    let weight = classWeights ? tf.sum(tf.mul(oneHot, tf.tensor1d([...classWeights])), -1) : tf.sum(oneHot, -1);
    if (ignoreLabel >= 0 && ignoreLabel < classes) {
      weight = tf.mul(weight, tf.cast(tf.notEqual(labels, ignoreLabel), 'float32'));
    }
    if (ohem) {
      const valid = tf.mul(tf.sum(oneHot, -1), tf.cast(tf.notEqual(labels, ignoreLabel), 'float32'));
      weight = tf.mul(weight, ohemKeepMask(tf.exp(tf.neg(negLogLikelihood)), valid, ohem));
    }
    const total = tf.sum(weight);
    // total is 0 only when no pixel counts; then the numerator is 0 as well and the loss is 0.
    return tf.div(tf.sum(tf.mul(weight, negLogLikelihood)), tf.maximum(total, 1e-30)) as tf.Scalar;
  });
}
