// The baseline of bn-coefficients.ts: train-mode BatchNorm as `@vidseg/tfjs-ops` computed it before
// its per-channel arithmetic became one packed coefficients pass each way (778ca63^): the variance,
// invStd, dGamma, dBeta and the affine coefficients as separate [C] tensors. Same passes over the
// activations (the mean as wasm's average pool, shifted channel sums, centred affine maps).
import * as tf from '@tensorflow/tfjs-core';
import { type BatchNormParams, type BatchNormTrainResult } from '@vidseg/tfjs-ops';
import { affineCentered, shiftedChannelSums } from '@vidseg/tfjs-ops/internal';

/** `batchNormTrain` of 778ca63^, for wasm (its channel mean is the average pool wasm's channelMean uses). */
export function batchNormTrainApart(x: tf.Tensor4D, params: BatchNormParams): BatchNormTrainResult {
  const [n, h, w, c] = x.shape;
  const count = n * h * w;
  const sumRow = (sums: tf.Tensor2D, row: number) => tf.reshape(tf.slice(sums, [row, 0], [1, c]), [c]) as tf.Tensor1D;
  let statistics: [tf.Tensor, tf.Tensor] | undefined;
  const normalize = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, gamma, beta, save] = args as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const mean = tf.reshape(tf.avgPool(tf.reshape(input, [1, count, 1, c]) as tf.Tensor4D, [count, 1], [count, 1], 'valid'), [c]) as tf.Tensor1D;
    const deviations = shiftedChannelSums(input, input, mean, mean);
    const variance = tf.relu(tf.sub(tf.div(sumRow(deviations, 1), count), tf.square(tf.div(sumRow(deviations, 0), count)))) as tf.Tensor1D;
    const invStd = tf.rsqrt(tf.add(variance, params.eps)) as tf.Tensor1D;
    save([input, mean, invStd, gamma]);
    statistics = [tf.keep(mean), tf.keep(variance)];
    const value = affineCentered(input, input, { scaleB: tf.mul(gamma, invStd), shiftB: mean, offset: beta });
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [input, mean, invStd, gamma] = saved as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
      const sums = shiftedChannelSums(dy, input, undefined, mean);
      const dBeta = sumRow(sums, 0);
      const dGamma = tf.mul(sumRow(sums, 1), invStd) as tf.Tensor1D;
      const factor = tf.mul(gamma, invStd) as tf.Tensor1D;
      const dx = affineCentered(dy, input, {
        scaleA: factor,
        scaleB: tf.mul(factor, tf.mul(invStd, tf.div(dGamma, -count))),
        shiftB: mean,
        offset: tf.mul(factor, tf.div(dBeta, -count)),
      });
      return [dx, dGamma, dBeta];
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
