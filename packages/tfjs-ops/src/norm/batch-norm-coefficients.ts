import * as tf from '@tensorflow/tfjs-core';
import { coefficientRow, runsAsKernel } from '../util/channel-passes.js';

/**
 * Kernel: train-mode BatchNorm's per-channel values from its statistics, [6, C]: rows scaleA (0),
 * scaleB (gamma * invStd), shiftB (the mean), offset (beta), variance, invStd, where
 * variance = max(0, S2 / count - (S1 / count)^2) and invStd = 1 / sqrt(variance + eps) for the
 * sums S1, S2 of the deviations from the mean. Inputs sums [2, C], mean, gamma, beta [C]; attributes
 * count, eps. Rows 0-3 are `affineCentered`'s coefficients (the normalisation).
 */
export const BATCH_NORM_FORWARD_COEFFICIENTS = 'VidsegBatchNormForwardCoefficients';

/**
 * Kernel: the gradient's per-channel values, [6, C]: rows scaleA (factor = gamma * invStd), scaleB
 * (-factor * invStd * dGamma / count), shiftB (the mean), offset (-factor * dBeta / count), dGamma
 * (S1' * invStd) and dBeta (S0'), for the sums S0' of dy and S1' of dy * (x - mean). Inputs sums
 * [2, C] and forward, the {@link BATCH_NORM_FORWARD_COEFFICIENTS} output; attribute count.
 */
export const BATCH_NORM_BACKWARD_COEFFICIENTS = 'VidsegBatchNormBackwardCoefficients';

/** {@link BATCH_NORM_FORWARD_COEFFICIENTS}: its kernel where the active backend has one (WebGPU), else tfjs ops. */
export function forwardCoefficients(sums: tf.Tensor2D, mean: tf.Tensor1D, gamma: tf.Tensor1D, beta: tf.Tensor1D, count: number, eps: number): tf.Tensor2D {
  if (runsAsKernel(BATCH_NORM_FORWARD_COEFFICIENTS)) return tf.engine().runKernel(BATCH_NORM_FORWARD_COEFFICIENTS, { sums, mean, gamma, beta }, { count, eps }) as tf.Tensor2D;
  return tf.tidy(() => {
    const variance = tf.relu(tf.sub(tf.div(coefficientRow(sums, 1), count), tf.square(tf.div(coefficientRow(sums, 0), count))));
    const invStd = tf.rsqrt(tf.add(variance, eps));
    return tf.stack([tf.zerosLike(mean), tf.mul(gamma, invStd), mean, beta, variance, invStd]) as tf.Tensor2D;
  });
}

/** {@link BATCH_NORM_BACKWARD_COEFFICIENTS}: its kernel where the active backend has one (WebGPU), else tfjs ops. */
export function backwardCoefficients(sums: tf.Tensor2D, forward: tf.Tensor2D, count: number): tf.Tensor2D {
  if (runsAsKernel(BATCH_NORM_BACKWARD_COEFFICIENTS)) return tf.engine().runKernel(BATCH_NORM_BACKWARD_COEFFICIENTS, { sums, forward }, { count }) as tf.Tensor2D;
  return tf.tidy(() => {
    const invStd = coefficientRow(forward, 5);
    const factor = coefficientRow(forward, 1);
    const dBeta = coefficientRow(sums, 0);
    const dGamma = tf.mul(coefficientRow(sums, 1), invStd);
    const scaleB = tf.mul(factor, tf.mul(invStd, tf.div(dGamma, -count)));
    return tf.stack([factor, scaleB, coefficientRow(forward, 2), tf.mul(factor, tf.div(dBeta, -count)), dGamma, dBeta]) as tf.Tensor2D;
  });
}
