import * as tf from '@tensorflow/tfjs-core';
import { TOKENS, UsageError, inject, injectable, type DistillationStrategy, type LossInputs, type LossRequirements, type PluginRegistration } from '@vidseg/core';
import { z } from 'zod';
import { PACKAGE_NAME } from '../package-name.js';
import { meanSquaredError } from '../tensor/mean-squared-error.js';
import { meanOf, neighbourIndices, teacherOutputs } from '../tensor/loss-inputs.js';
import { cosineAffinity } from './affinity.js';
import { pooledPair } from './feature-source.js';
import { gridOptions } from './grid-options.js';

/** Options of the `pair-wise-frame` distiller. */
export const pairWiseFrameOptions = z.object(gridOptions(2));

/** Validated options of the `pair-wise-frame` distiller. */
export type PairWiseFrameOptions = z.output<typeof pairWiseFrameOptions>;

/**
 * Pair-wise-frame distillation (PF): for frame t and each neighbour t', the cross-frame cosine
 * affinity A[i, j] = cos(f_t(i), f_t'(j)) over the positions of the pooled grid, matched between
 * student and teacher by mean squared error, averaged over the neighbours:
 *
 *   L = mean over t' of mean over n, i, j of (A^S[n, i, j] - A^T[n, i, j])^2
 *
 * The normaliser is |f_t(i)| |f_t'(j)|, the cosine's own; the reference's divides by
 * |f_t'(i)| |f_t(j)| (norms of the wrong frames), see the README.
 */
@injectable()
export class PairWiseFrameDistiller implements DistillationStrategy<tf.Tensor> {
  readonly name = 'pair-wise-frame';
  readonly requires: LossRequirements;

  constructor(@inject(TOKENS.pluginOptions) private readonly options: PairWiseFrameOptions) {
    this.requires = { labels: false, neighbours: true, teacher: true, features: options.source === 'features', triplet: false };
  }

  compute(inputs: LossInputs<tf.Tensor>): tf.Scalar {
    const teacher = teacherOutputs(inputs, this.name);
    const neighbours = neighbourIndices(inputs);
    if (neighbours.length === 0) throw new UsageError(`${this.name}: needs a neighbour frame besides frame t, got a clip of 1 frame`);
    return tf.tidy(() => {
      const pooled = (i: number) => pooledPair(inputs.student[i]!, teacher[i]!, this.options, `${this.name} (frame ${i})`);
      const current = pooled(inputs.target);
      return meanOf(
        neighbours.map((i) => {
          const other = pooled(i);
          return meanSquaredError(
            cosineAffinity(current.teacher, other.teacher),
            cosineAffinity(current.student, other.student),
          );
        }),
      );
    });
  }
}

/** The `pair-wise-frame` distiller plugin. */
export const pairWiseFramePlugin: PluginRegistration<PairWiseFrameDistiller, PairWiseFrameOptions> = {
  kind: 'distiller',
  name: 'pair-wise-frame',
  packageName: PACKAGE_NAME,
  description: "Pair-wise-frame distillation: MSE between student and teacher cosine affinities of frame t's and each neighbour's pooled positions.",
  options: pairWiseFrameOptions,
  implementation: PairWiseFrameDistiller,
};
