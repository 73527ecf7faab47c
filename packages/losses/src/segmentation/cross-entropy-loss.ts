import * as tf from '@tensorflow/tfjs-core';
import { PER_FRAME_REQUIREMENTS, UsageError, type LabelSpace, type LossInputs, type LossTerm, type PluginRegistration } from '@vidseg/core';
import { z } from 'zod';
import { PACKAGE_NAME } from '../package-name.js';
import { targetStudent } from '../tensor/loss-inputs.js';
import { resizeAlignCorners } from '../tensor/resize.js';
import { spatialSize } from '../tensor/tensor-checks.js';
import { assertLabelsInRange } from './check-labels.js';
import { crossEntropy, type CrossEntropySettings } from './cross-entropy.js';
import { MEDIAN_FREQUENCY } from './median-frequency.js';

/** Label value ignored when neither the options nor the run's label space give one (Cityscapes trainIds). */
const FALLBACK_IGNORE_LABEL = 255;

/** Options of the `cross-entropy` loss. */
export const crossEntropyOptions = z.object({
  ignoreLabel: z
    .number()
    .int()
    .optional()
    .describe("label value whose pixels never count; default: the dataset's ignore label, else 255"),
  classWeights: z
    .union([z.array(z.number().min(0)).min(1), z.literal(MEDIAN_FREQUENCY)])
    .optional()
    .describe("one weight per class, or 'median-frequency' to compute them from the training split's label maps before training (the run's config.json records the computed weights); default: all 1"),
  ohem: z
    .strictObject({
      threshold: z.number().min(0).max(1).default(0.7).describe('drop pixels whose true-class probability is above this'),
      minKept: z.number().int().min(0).default(100000).describe('but keep at least this many hardest pixels per batch'),
    })
    .optional()
    .describe('online hard example mining on the main head (reference: threshold 0.7, minKept 100000); default: off'),
  auxWeight: z
    .number()
    .min(0)
    .default(0.4)
    .describe("weight of the auxiliary head's cross-entropy, added when the model has one (reference: 0.4)"),
  checkLabels: z
    .boolean()
    .default(true)
    .describe('fail on label values outside the classes and the ignore label (one synchronous read per step; turn off on WebGPU)'),
});

/** Validated options of the `cross-entropy` loss. */
export type CrossEntropyOptions = z.output<typeof crossEntropyOptions>;

/**
 * Cross-entropy on the labelled frame t (see {@link crossEntropy}), plus `auxWeight` times the
 * cross-entropy of the auxiliary head when the student has one. Logits at a lower resolution than
 * the labels are resized to the labels' size first (bilinear, align-corners, as the reference).
 * OHEM, when configured, applies to the main head only (the reference's `CriterionOhemDSN_single`).
 */
export class CrossEntropyLoss implements LossTerm<tf.Tensor> {
  readonly name = 'cross-entropy';
  readonly requires = PER_FRAME_REQUIREMENTS;
  private readonly settings: CrossEntropySettings;

  /**
   * @param labelSpace - the run's classes and ignore label, when known: gives the default ignore
   *   label and checks the class weights' length up front.
   */
  constructor(
    private readonly options: CrossEntropyOptions,
    labelSpace?: LabelSpace,
  ) {
    const ignoreLabel = options.ignoreLabel ?? labelSpace?.ignoreLabel ?? FALLBACK_IGNORE_LABEL;
    if (options.classWeights === MEDIAN_FREQUENCY) {
      throw new UsageError(
        "cross-entropy: classWeights 'median-frequency' must be computed from the training labels before the loss is built",
        { hint: 'the vidseg CLI does it; from code, call resolveMedianFrequencyWeights(config.losses, trainDataset) first' },
      );
    }
    if (labelSpace && options.classWeights && options.classWeights.length !== labelSpace.classes.length) {
      throw new UsageError(
        `cross-entropy: ${options.classWeights.length} class weights given for the ${labelSpace.classes.length} classes of the dataset`,
      );
    }
    this.settings = { ignoreLabel, ...(options.classWeights ? { classWeights: options.classWeights } : {}) };
  }

  compute(inputs: LossInputs<tf.Tensor>): tf.Scalar {
    const labels = inputs.labels;
    if (!labels) throw new UsageError('cross-entropy: needs inputs.labels (the class ids of frame t)');
    const student = targetStudent(inputs, this.name);
    if (this.options.checkLabels) {
      assertLabelsInRange(labels, student.logits.shape[3]!, this.settings.ignoreLabel, 'cross-entropy labels');
    }
    return tf.tidy(() => {
      const atLabels = (logits: tf.Tensor) => resizeAlignCorners(logits as tf.Tensor4D, spatialSize(labels));
      const { ohem } = this.options;
      let loss = crossEntropy(atLabels(student.logits), labels, ohem ? { ...this.settings, ohem } : this.settings);
      if (student.auxLogits && this.options.auxWeight > 0) {
        loss = tf.add(loss, tf.mul(this.options.auxWeight, crossEntropy(atLabels(student.auxLogits), labels, this.settings)));
      }
      return loss;
    });
  }
}

/** The `cross-entropy` loss plugin. */
export const crossEntropyPlugin: PluginRegistration<CrossEntropyLoss, CrossEntropyOptions> = {
  kind: 'loss',
  name: 'cross-entropy',
  packageName: PACKAGE_NAME,
  description: 'Pixel-wise cross-entropy on the labelled frame: ignore label, class weights, optional OHEM, auxiliary head.',
  options: crossEntropyOptions,
  factory: (options, { labelSpace }) => new CrossEntropyLoss(options, labelSpace),
};
