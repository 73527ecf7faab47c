import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import { assertRank4 } from '../util/assert-nhwc.js';
import { channelMean } from '../util/channel-mean.js';
import { affineCentered, coefficientRow, shiftedChannelSums } from '../util/channel-passes.js';
import { backwardCoefficients, forwardCoefficients } from './batch-norm-coefficients.js';

/** The learned parameters of a batch norm and its epsilon. */
export interface BatchNormParams {
  /** Per-channel scale (PyTorch `weight`), [C]. */
  readonly gamma: tf.Tensor1D;
  /** Per-channel shift (PyTorch `bias`), [C]. */
  readonly beta: tf.Tensor1D;
  readonly eps: number;
}

/** Batch norm parameters with the statistics to normalise by (eval mode: the running averages). */
export interface BatchNormEvalParams extends BatchNormParams {
  readonly mean: tf.Tensor1D;
  readonly variance: tf.Tensor1D;
}

/** The output of a train-mode batch norm and the batch statistics it normalised with. */
export interface BatchNormTrainResult {
  readonly y: tf.Tensor4D;
  /** Per-channel batch mean, [C]. No gradient flows through it. */
  readonly mean: tf.Tensor1D;
  /**
   * Per-channel biased batch variance, [C]. No gradient flows through it. PyTorch's running
   * variance takes the unbiased one: variance * count / (count - 1).
   */
  readonly variance: tf.Tensor1D;
  /** The number of values per channel the statistics cover (N * H * W). */
  readonly count: number;
}

/**
 * Train-mode BatchNorm2d on NHWC input: normalised by the batch mean and biased variance over
 * (N, H, W). The variance is the corrected two-pass one (mean of squared deviations, less the
 * square of their mean, which rounding leaves slightly off zero). The gradient is the closed form
 * dx = gamma / sigma * (dy - mean(dy) - xhat * mean(dy * xhat)), with xhat recomputed from the
 * input. Each pass is one `shiftedChannelSums` or `affineCentered`: on wasm one SIMD kernel over
 * memory where tfjs ops take one pass per arithmetic op; the per-channel arithmetic between them is
 * one `forwardCoefficients` / `backwardCoefficients` each way (one dispatch on WebGPU).
 */
export function batchNormTrain(x: tf.Tensor4D, params: BatchNormParams): BatchNormTrainResult {
  assertRank4(x, 'batchNormTrain: x');
  assertChannelVectors(x, params, 'batchNormTrain');
  const [n, h, w, c] = x.shape;
  const count = n * h * w;
  let statistics: [tf.Tensor, tf.Tensor] | undefined;
  const normalize = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, gamma, beta, save] = args as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const mean = tf.reshape(channelMean(tf.reshape(input, [count, c])), [c]) as tf.Tensor1D;
    const forward = forwardCoefficients(shiftedChannelSums(input, input, mean, mean), mean, gamma, beta, count, params.eps);
    // The mean is saved apart from its row in `forward` (a slice, so one more pass or dispatch).
    save([input, forward, mean]);
    // Kept past customGrad's tidy; cloned into the caller's scope below.
    statistics = [tf.keep(mean), tf.keep(coefficientRow(forward, 4))];
    const value = affineCentered(input, input, { rows: forward, withA: false });
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [input, forward, mean] = saved as [tf.Tensor4D, tf.Tensor2D, tf.Tensor1D];
      const backward = backwardCoefficients(shiftedChannelSums(dy, input, undefined, mean), forward, count);
      return [affineCentered(dy, input, { rows: backward, withA: true }), coefficientRow(backward, 4), coefficientRow(backward, 5)];
    };
    return { value, gradFunc };
  });
  const y = normalize(x, params.gamma, params.beta) as tf.Tensor4D;
  const [keptMean, keptVariance] = statistics!;
  const mean = tf.clone(keptMean) as tf.Tensor1D;
  const variance = tf.clone(keptVariance) as tf.Tensor1D;
  tf.dispose([keptMean, keptVariance]);
  return { y, mean, variance, count };
}

/**
 * Eval-mode BatchNorm2d on NHWC input: normalised by the given statistics (the running averages),
 * one fused kernel; its gradient is tfjs's.
 */
export function batchNormEval(x: tf.Tensor4D, params: BatchNormEvalParams): tf.Tensor4D {
  assertRank4(x, 'batchNormEval: x');
  assertChannelVectors(x, params, 'batchNormEval');
  return tf.batchNorm(x, params.mean, params.variance, params.beta, params.gamma, params.eps);
}

function assertChannelVectors(x: tf.Tensor4D, params: BatchNormParams | BatchNormEvalParams, op: string): void {
  const channels = x.shape[3];
  for (const [name, value] of Object.entries(params)) {
    if (value instanceof tf.Tensor && (value.rank !== 1 || value.shape[0] !== channels)) {
      throw new UsageError(`${op}: ${name} must have shape [${channels}] (the input's channels), got [${value.shape.join(', ')}]`);
    }
  }
  if (typeof params.eps !== 'number' || !(params.eps > 0)) {
    throw new UsageError(`${op}: eps must be a positive number, got ${String(params.eps)}`);
  }
}
