import * as tf from '@tensorflow/tfjs-core';
import {
  SeededRandom,
  TOKENS,
  UsageError,
  inject,
  injectable,
  type DistillationPreparation,
  type DistillationStrategy,
  type LossInputs,
  type LossRequirements,
  type PluginRegistration,
  type RunContext,
} from '@vidseg/core';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { PACKAGE_NAME } from '../package-name.js';
import { teacherOutputs } from '../tensor/loss-inputs.js';
import { meanSquaredError } from '../tensor/mean-squared-error.js';
import { ConvLstmCell, type ConvLstmShape } from './convlstm/convlstm-cell.js';
import { loadConvLstm, saveConvLstm } from './convlstm/convlstm-weights-file.js';
import { pretrainConvLstm } from './convlstm/pretrain-convlstm.js';
import { pooledPair } from './feature-source.js';
import { gridOptions } from './grid-options.js';
import { selfAffinityImage } from './self-affinity-maps.js';
import { teacherAffinitySequences } from './teacher-affinity-sequences.js';

/** Mixed into the run seed so the ConvLSTM's draws differ from the network's. */
const SEED_SALT = 0x4d46;

/** Options of the `multi-frame` distiller. */
export const multiFrameOptions = z.object({
  ...gridOptions(16),
  init: z
    .enum(['pretrained', 'random-frozen'])
    .default('pretrained')
    .describe('pretrained: pre-train the ConvLSTM on teacher sequences (next-map prediction), then freeze it; random-frozen: freeze a random one'),
  weights: z
    .string()
    .optional()
    .describe('safetensors file with the ConvLSTM weights (gates.<input|forget|output|cell>.weight|bias, as the @vidseg/models cell) to use instead of pre-training; relative to the config'),
  hiddenChannels: z.number().int().positive().default(4).describe('channels of the hidden and cell states (reference: 4)'),
  kernelSize: z
    .number()
    .int()
    .positive()
    .refine((k) => k % 2 === 1, 'must be odd')
    .default(3)
    .describe('kernel size of the gates convolution (reference: 3)'),
  pretraining: z
    .strictObject({
      steps: z.number().int().positive().default(200).describe('Adam steps, one teacher clip each'),
      learningRate: z.number().positive().default(0.001).describe('Adam learning rate'),
    })
    .prefault({})
    .describe('pre-training of the ConvLSTM (init: pretrained)'),
});

/** Validated options of the `multi-frame` distiller. */
export type MultiFrameOptions = z.output<typeof multiFrameOptions>;

/**
 * Multi-frame distillation (MF): a frozen ConvLSTM reads the self-affinity images of the clip's
 * frames in time order, (t-k, t, t+k), once for the student and once for the teacher; the final
 * hidden and cell states are matched:
 *
 *   L = mean((h^S - h^T)^2) + mean((c^S - c^T)^2)
 *
 * The ConvLSTM is pre-trained by {@link MultiFrameDistiller.prepare} (see
 * {@link pretrainConvLstm}); its weights are saved in the preparation's cache folder and reused by
 * later runs with the same settings and teacher.
 */
@injectable()
export class MultiFrameDistiller implements DistillationStrategy<tf.Tensor> {
  readonly name = 'multi-frame';
  readonly requires: LossRequirements;
  private readonly shape: ConvLstmShape;
  private cell: ConvLstmCell | undefined;

  constructor(
    @inject(TOKENS.pluginOptions) private readonly options: MultiFrameOptions,
    @inject(TOKENS.runContext) private readonly run: RunContext,
  ) {
    this.requires = { labels: false, neighbours: true, teacher: true, features: options.source === 'features', triplet: true };
    this.shape = { inputChannels: 1, hiddenChannels: options.hiddenChannels, kernelSize: options.kernelSize };
    if (options.init === 'random-frozen' && !options.weights) this.cell = ConvLstmCell.random(this.shape, this.random());
  }

  /** Loads the configured weights, or reuses cached pre-trained ones, or pre-trains and caches them. */
  async prepare(context: DistillationPreparation<tf.Tensor>): Promise<void> {
    if (this.cell) return;
    if (this.options.weights) {
      const path = resolve(this.run.baseDir ?? '.', this.options.weights);
      this.cell = await loadConvLstm(path, this.shape);
      context.progress.log(`multi-frame: ConvLSTM weights from ${path}`);
      return;
    }
    const cached = context.cacheDir ? join(context.cacheDir, `multi-frame-convlstm-${this.cacheKey(context.teacher.name)}.safetensors`) : undefined;
    if (cached && existsSync(cached)) {
      this.cell = await loadConvLstm(cached, this.shape);
      context.progress.log(`multi-frame: pre-trained ConvLSTM reused from ${cached}`);
      return;
    }
    if (!context.clips) {
      throw new UsageError('multi-frame: pre-training the ConvLSTM needs training clips, and the trainer gave none', {
        hint: 'give weights: <file>, or use init: random-frozen',
      });
    }
    const clips = context.clips;
    const result = await pretrainConvLstm(
      () => teacherAffinitySequences(clips, context.teacher, this.options),
      this.shape,
      this.options.pretraining,
      this.random(),
      context.progress,
    );
    this.cell = result.cell;
    if (!cached) {
      context.progress.warn('multi-frame: no cache folder, the pre-trained ConvLSTM is not saved');
      return;
    }
    await saveConvLstm(cached, result.cell, {
      format: 'vidseg multi-frame ConvLSTM',
      teacher: context.teacher.name,
      settings: JSON.stringify(this.keyedSettings(context.teacher.name)),
      firstLoss: String(result.firstLoss),
      lastLoss: String(result.lastLoss),
    });
    context.progress.log(`multi-frame: pre-trained ConvLSTM saved to ${cached}`);
  }

  compute(inputs: LossInputs<tf.Tensor>): tf.Scalar {
    const cell = this.cell;
    if (!cell) {
      throw new UsageError('multi-frame: the ConvLSTM is not ready; call prepare() before training (it pre-trains the ConvLSTM)', {
        hint: 'or use init: random-frozen',
      });
    }
    if (inputs.student.length < 2) throw new UsageError(`multi-frame: needs a sequence of at least 2 frames, got ${inputs.student.length}`);
    const teacher = teacherOutputs(inputs, this.name);
    return tf.tidy(() => {
      const studentMaps: tf.Tensor4D[] = [];
      const teacherMaps: tf.Tensor4D[] = [];
      inputs.student.forEach((student, i) => {
        const pooled = pooledPair(student, teacher[i]!, this.options, `${this.name} (frame ${i})`);
        studentMaps.push(selfAffinityImage(pooled.student));
        teacherMaps.push(selfAffinityImage(pooled.teacher));
      });
      const studentState = cell.run(studentMaps);
      const teacherState = cell.run(teacherMaps);
      return tf.add(meanSquaredError(studentState.h, teacherState.h), meanSquaredError(studentState.c, teacherState.c)) as tf.Scalar;
    });
  }

  dispose(): void {
    this.cell?.dispose();
    this.cell = undefined;
  }

  private random(): SeededRandom {
    return new SeededRandom((this.run.seed ^ SEED_SALT) >>> 0);
  }

  /** Everything that changes the pre-trained weights, except the clips themselves. */
  private keyedSettings(teacher: string): Record<string, unknown> {
    const { source, poolSize, hiddenChannels, kernelSize, pretraining } = this.options;
    return { teacher, source, poolSize, hiddenChannels, kernelSize, pretraining, seed: this.run.seed };
  }

  private cacheKey(teacher: string): string {
    return createHash('sha256').update(JSON.stringify(this.keyedSettings(teacher))).digest('hex').slice(0, 16);
  }
}

/** The `multi-frame` distiller plugin. */
export const multiFramePlugin: PluginRegistration<MultiFrameDistiller, MultiFrameOptions> = {
  kind: 'distiller',
  name: 'multi-frame',
  packageName: PACKAGE_NAME,
  description: 'Multi-frame distillation: a frozen, pre-trained ConvLSTM reads the self-affinity maps of (t-k, t, t+k); its final states are matched by MSE.',
  options: multiFrameOptions,
  implementation: MultiFrameDistiller,
};
