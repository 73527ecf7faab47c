import * as tf from '@tensorflow/tfjs-core';
import { inject, injectable, PER_FRAME_REQUIREMENTS, TOKENS, UsageError, type LabelSpace, type LossInputs, type LossTerm } from '@vidseg/core';
import { z } from 'zod';

/** Options of the `soft-dice` loss: what a config entry may hold besides `type` and `weight`. */
export const softDiceOptions = z.object({
  smooth: z
    .number()
    .positive()
    .default(1)
    .describe('added to the numerator and denominator of each class: keeps the ratio defined for classes absent from the batch'),
  ignoreLabel: z
    .number()
    .int()
    .optional()
    .describe("label value whose pixels never count; default: the dataset's ignore label"),
});

/** Validated options of the `soft-dice` loss. */
export type SoftDiceOptions = z.output<typeof softDiceOptions>;

/**
 * Soft Dice loss on the labelled frame t (Milletari et al., V-Net, 2016, with plain sums):
 *
 *   L = 1 - (1/K) sum_c (2 sum_i p_ic y_ic + s) / (sum_i p_ic + sum_i y_ic + s)
 *
 * where p = softmax(logits), y is the one-hot label, s is `smooth`, and i runs over the pixels of
 * the whole batch whose label is a class id other than the ignore label. Every class weighs the
 * same whatever its pixel count, so small classes (poles, signs) matter as much as the road: a
 * complement to cross-entropy on imbalanced data. The logits must be at the labels' size (the
 * zoo's models output them at the input size).
 */
@injectable()
export class SoftDiceLoss implements LossTerm<tf.Tensor> {
  readonly name = 'soft-dice';
  readonly requires = PER_FRAME_REQUIREMENTS;
  private readonly ignoreLabel: number;

  constructor(
    @inject(TOKENS.pluginOptions) private readonly options: SoftDiceOptions,
    @inject(TOKENS.labelSpace) labelSpace: LabelSpace,
  ) {
    this.ignoreLabel = options.ignoreLabel ?? labelSpace.ignoreLabel;
  }

  compute(inputs: LossInputs<tf.Tensor>): tf.Scalar {
    const labels = inputs.labels;
    const logits = inputs.student[inputs.target]?.logits;
    if (!labels || !logits) throw new UsageError('soft-dice: needs the labels and the student logits of frame t');
    if (logits.rank !== 4 || labels.rank !== 3 || labels.shape.some((size, axis) => size !== logits.shape[axis])) {
      throw new UsageError(`soft-dice: expected logits [N, H, W, K] and labels [N, H, W] of the same size, got [${logits.shape.join(', ')}] and [${labels.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      // tf.oneHot rows are all zero for labels outside [0, K); the ignore label is masked out too.
      const oneHot = tf.cast(tf.oneHot(labels, logits.shape[3]!), 'float32');
      const valid = tf.mul(tf.sum(oneHot, -1, true), tf.expandDims(tf.cast(tf.notEqual(labels, this.ignoreLabel), 'float32'), -1));
      const target = tf.mul(oneHot, valid);
      const probabilities = tf.mul(tf.softmax(logits), valid);
      const pixels = [0, 1, 2];
      const overlap = tf.sum(tf.mul(probabilities, target), pixels);
      const total = tf.add(tf.sum(probabilities, pixels), tf.sum(target, pixels));
      const dice = tf.div(tf.add(tf.mul(overlap, 2), this.options.smooth), tf.add(total, this.options.smooth));
      return tf.sub(1, tf.mean(dice)) as tf.Scalar;
    });
  }
}
