import * as tf from '@tensorflow/tfjs-core';
import { TOKENS, UsageError, inject, injectable, type LossInputs, type LossRequirements, type LossTerm, type PluginRegistration } from '@vidseg/core';
import { z } from 'zod';
import { PACKAGE_NAME } from '../package-name.js';
import { meanOf, neighbourIndices } from '../tensor/loss-inputs.js';
import { temporalLoss, type TemporalSettings } from './temporal-loss.js';

/** Options of the `temporal` loss. */
export const temporalOptions = z.object({
  space: z.enum(['logits', 'probabilities']).default('logits').describe('compare logits (the reference) or softmax probabilities'),
  mask: z
    .enum(['photometric', 'forward-backward', 'none'])
    .default('photometric')
    .describe("non-occlusion mask: exp(-alpha |sum_c (I_t - warp(I_t'))|) (the reference), forward-backward flow consistency, or none"),
  alpha: z.number().min(0).default(1).describe('sharpness of the photometric mask on normalised images (reference: 1)'),
  consistency: z
    .strictObject({
      relative: z.number().min(0).default(0.01).describe('allowed |F + B|^2 as a share of |F|^2 + |B|^2'),
      absolute: z.number().min(0).default(0.5).describe('allowed |F + B|^2 in input pixels squared'),
    })
    .prefault({})
    .describe('tolerances of the forward-backward mask (Sundaram et al. 2010)'),
  resolution: z
    .enum(['input', 'output'])
    .default('input')
    .describe('input: upsample outputs to the flow (the reference); output: downsample and rescale the flow to the outputs'),
});

/** Validated options of the `temporal` loss. */
export type TemporalOptions = z.output<typeof temporalOptions>;

/**
 * The temporal loss over a clip: {@link temporalLoss} between frame t and each neighbour that has
 * a flow, averaged over those neighbours.
 */
@injectable()
export class TemporalLoss implements LossTerm<tf.Tensor> {
  readonly name = 'temporal';
  readonly requires: LossRequirements;
  private readonly settings: TemporalSettings;

  constructor(@inject(TOKENS.pluginOptions) options: TemporalOptions) {
    this.settings = options;
    this.requires = {
      labels: false,
      neighbours: true,
      teacher: false,
      features: false,
      triplet: false,
      backwardFlows: options.mask === 'forward-backward',
    };
  }

  compute(inputs: LossInputs<tf.Tensor>): tf.Scalar {
    const pairs = neighbourIndices(inputs).filter((i) => inputs.flows?.[i] !== undefined);
    if (pairs.length === 0) {
      throw new UsageError(`temporal loss: needs a neighbour frame with a flow from frame t, got ${inputs.student.length} frame(s) and ${inputs.flows ? 'no usable flow' : 'no flows'}`);
    }
    return tf.tidy(() =>
      meanOf(
        pairs.map((i) =>
          temporalLoss(
            {
              output: inputs.student[inputs.target]!.logits,
              neighbourOutput: inputs.student[i]!.logits,
              image: inputs.images[inputs.target]!,
              neighbourImage: inputs.images[i]!,
              flow: inputs.flows![i]!,
              ...(inputs.backwardFlows?.[i] ? { backwardFlow: inputs.backwardFlows[i] } : {}),
            },
            this.settings,
          ),
        ),
      ),
    );
  }
}

/** The `temporal` loss plugin. */
export const temporalPlugin: PluginRegistration<TemporalLoss, TemporalOptions> = {
  kind: 'loss',
  name: 'temporal',
  packageName: PACKAGE_NAME,
  description: "Temporal loss: squared difference between frame t's output and the neighbour's output warped back by the flow, occlusion-masked.",
  options: temporalOptions,
  implementation: TemporalLoss,
};
