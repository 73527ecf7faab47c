import * as tf from '@tensorflow/tfjs-core';
import { UsageError, silentProgress, type ProgressReporter, type RandomSource } from '@vidseg/core';
import { registerTrainingKernels } from '@vidseg/tfjs-ops';
import { meanSquaredError } from '../../tensor/mean-squared-error.js';
import { ConvLstmCell, type ConvLstmShape } from './convlstm-cell.js';

/** Settings of {@link pretrainConvLstm}. */
export interface ConvLstmPretraining {
  /** Optimiser steps (one sequence each). */
  readonly steps: number;
  /** Adam learning rate. */
  readonly learningRate: number;
}

/** The pre-trained cell and how well it learned. */
export interface PretrainedConvLstm {
  /** The frozen cell (plain tensors, not variables). */
  readonly cell: ConvLstmCell;
  /** Mean prediction loss over the first and the last tenth of the steps. */
  readonly firstLoss: number;
  readonly lastLoss: number;
}

/**
 * Pre-trains a ConvLSTM cell to predict the next map of a sequence, so that its states summarise
 * how the maps evolve; the multi-frame distiller then freezes it. For a sequence x_1..x_T (T >= 2)
 * the cell reads x_1..x_{T-1}; after reading x_s a 1x1 convolution of h_s (the readout, trained
 * alongside and discarded) predicts x_{s+1}:
 *
 *   L = mean over s = 1..T-1 of mean((readout(h_s) - x_{s+1})^2)
 *
 * Adam, one sequence per step, passing over `sequences()` again as often as `steps` needs.
 *
 * @param sequences - a fresh pass over sequences of maps, each [N, H, W, input]; the caller owns
 *   the tensors it yields, and they are disposed after their step.
 * @param random - draws the initial weights.
 */
export async function pretrainConvLstm(
  sequences: () => AsyncIterable<tf.Tensor4D[]>,
  shape: ConvLstmShape,
  settings: ConvLstmPretraining,
  random: RandomSource,
  progress: ProgressReporter = silentProgress,
): Promise<PretrainedConvLstm> {
  await registerTrainingKernels();
  const initial = ConvLstmCell.random(shape, random);
  const kernel = trainable(initial.kernel);
  const bias = trainable(initial.bias);
  const bound = 1 / Math.sqrt(shape.hiddenChannels);
  const readoutWeights = Float32Array.from({ length: shape.hiddenChannels * shape.inputChannels }, () => (2 * random.next() - 1) * bound);
  const readoutKernel = trainable(tf.tensor4d(readoutWeights, [1, 1, shape.hiddenChannels, shape.inputChannels]));
  const readoutBias = trainable(tf.zeros([shape.inputChannels]) as tf.Tensor1D);
  const training = ConvLstmCell.fromTensors(shape, kernel, bias);
  const optimizer = tf.train.adam(settings.learningRate);
  const losses: number[] = [];
  const task = progress.start('pre-training the multi-frame ConvLSTM', settings.steps, 'steps');
  try {
    while (losses.length < settings.steps) {
      const before = losses.length;
      for await (const sequence of sequences()) {
        const loss = optimizer.minimize(() => predictionLoss(training, sequence, readoutKernel, readoutBias), true, [kernel, bias, readoutKernel, readoutBias]);
        tf.dispose(sequence);
        losses.push((await loss!.data())[0]!);
        loss!.dispose();
        task.advance(1, { loss: losses[losses.length - 1]!.toPrecision(4) });
        if (losses.length >= settings.steps) break;
      }
      if (losses.length === before) throw new UsageError('multi-frame ConvLSTM pre-training: the clips gave no sequence');
    }
  } finally {
    optimizer.dispose();
    tf.dispose([readoutKernel, readoutBias]);
  }
  const cell = ConvLstmCell.fromTensors(shape, tf.clone(kernel) as tf.Tensor4D, tf.clone(bias) as tf.Tensor1D);
  tf.dispose([kernel, bias]);
  const tenth = Math.max(1, Math.floor(losses.length / 10));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  task.done(`ConvLSTM pre-trained: prediction loss ${mean(losses.slice(0, tenth)).toPrecision(4)} -> ${mean(losses.slice(-tenth)).toPrecision(4)}`);
  return { cell, firstLoss: mean(losses.slice(0, tenth)), lastLoss: mean(losses.slice(-tenth)) };
}

/** A trainable variable holding `tensor`'s values; `tensor` is disposed. */
function trainable<R extends tf.Rank>(tensor: tf.Tensor<R>): tf.Variable<R> {
  const variable = tf.variable(tensor, true);
  tensor.dispose();
  return variable;
}

function predictionLoss(cell: ConvLstmCell, sequence: readonly tf.Tensor4D[], readoutKernel: tf.Tensor4D, readoutBias: tf.Tensor1D): tf.Scalar {
  if (sequence.length < 2) throw new UsageError(`multi-frame ConvLSTM pre-training: a sequence needs at least 2 maps, got ${sequence.length}`);
  const terms: tf.Scalar[] = [];
  let state = cell.step(sequence[0]!);
  for (let s = 1; s < sequence.length; s++) {
    const prediction = tf.add(tf.conv2d(state.h, readoutKernel, 1, 'same'), readoutBias);
    terms.push(meanSquaredError(prediction, sequence[s]!));
    if (s < sequence.length - 1) state = cell.step(sequence[s]!, state);
  }
  return tf.div(tf.addN(terms), terms.length) as tf.Scalar;
}
