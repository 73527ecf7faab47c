import * as tf from '@tensorflow/tfjs-core';
import { TOKENS, inject, injectable, type DistillationStrategy, type LossInputs, type LossRequirements, type PluginRegistration } from '@vidseg/core';
import { z } from 'zod';
import { PACKAGE_NAME } from '../package-name.js';
import { meanSquaredError } from '../tensor/mean-squared-error.js';
import { teacherOutputs } from '../tensor/loss-inputs.js';
import { cosineAffinity } from './affinity.js';
import { pooledPair } from './feature-source.js';
import { gridOptions } from './grid-options.js';

/** Options of the `pair-wise` (intra-frame) distiller. */
export const pairWiseOptions = z.object({
  ...gridOptions(2),
  neighbourWeight: z
    .number()
    .min(0)
    .default(0.4)
    .describe('weight of each neighbour frame; frame t has weight 1 (reference: 0.4)'),
});

/** Validated options of the `pair-wise` distiller. */
export type PairWiseOptions = z.output<typeof pairWiseOptions>;

/**
 * Intra-frame pair-wise distillation (structured knowledge distillation): the self-affinity
 * A[i, j] = cos(f(i), f(j)) of each frame's pooled map, matched between student and teacher:
 *
 *   L = sum over frames of w_frame * mean over n, i, j of (A^S[n, i, j] - A^T[n, i, j])^2
 *
 * with w = 1 for frame t and `neighbourWeight` for the others (the reference's
 * `CriterionSDcos_self`: loss_t + 0.4 (loss_t-k + loss_t+k)).
 */
@injectable()
export class PairWiseDistiller implements DistillationStrategy<tf.Tensor> {
  readonly name = 'pair-wise';
  readonly requires: LossRequirements;

  constructor(@inject(TOKENS.pluginOptions) private readonly options: PairWiseOptions) {
    this.requires = {
      labels: false,
      neighbours: options.neighbourWeight > 0,
      teacher: true,
      features: options.source === 'features',
      triplet: false,
    };
  }

  compute(inputs: LossInputs<tf.Tensor>): tf.Scalar {
    const teacher = teacherOutputs(inputs, this.name);
    return tf.tidy(() => {
      const terms = inputs.student.map((student, i) => {
        const pooled = pooledPair(student, teacher[i]!, this.options, `${this.name} (frame ${i})`);
        const loss = meanSquaredError(cosineAffinity(pooled.teacher, pooled.teacher), cosineAffinity(pooled.student, pooled.student));
        return i === inputs.target ? loss : tf.mul(loss, this.options.neighbourWeight);
      });
      return tf.addN(terms) as tf.Scalar;
    });
  }
}

/** The `pair-wise` distiller plugin. */
export const pairWisePlugin: PluginRegistration<PairWiseDistiller, PairWiseOptions> = {
  kind: 'distiller',
  name: 'pair-wise',
  packageName: PACKAGE_NAME,
  description: 'Intra-frame pair-wise (structured) distillation: MSE between student and teacher self-affinities of pooled positions, per frame.',
  options: pairWiseOptions,
  implementation: PairWiseDistiller,
};
