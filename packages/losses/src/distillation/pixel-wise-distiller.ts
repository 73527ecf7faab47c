import * as tf from '@tensorflow/tfjs-core';
import { TOKENS, inject, injectable, type DistillationStrategy, type LossInputs, type LossRequirements, type PluginRegistration } from '@vidseg/core';
import { z } from 'zod';
import { PACKAGE_NAME } from '../package-name.js';
import { teacherOutputs } from '../tensor/loss-inputs.js';
import { pixelDistillation } from './pixel-distillation.js';

/** Options of the `pixel-wise` distiller. */
export const pixelWiseOptions = z.object({
  temperature: z.number().positive().default(1).describe('softmax temperature T of both networks (reference: 1)'),
  scaleByTemperatureSquared: z.boolean().default(true).describe('multiply by T^2 (Hinton et al.); no effect at T = 1'),
  reduction: z
    .enum(['pixel', 'element'])
    .default('pixel')
    .describe("pixel: KL per pixel, averaged; element: averaged over pixels x classes (PyTorch KLDivLoss() default in the reference, = pixel / K)"),
  neighbourWeight: z
    .number()
    .min(0)
    .default(1)
    .describe('weight of each neighbour frame; frame t has weight 1 (reference: 1 for pairs, 0.4 for triplets)'),
});

/** Validated options of the `pixel-wise` distiller. */
export type PixelWiseOptions = z.output<typeof pixelWiseOptions>;

/**
 * Pixel-wise distillation on every frame of the clip: {@link pixelDistillation} of frame t plus
 * `neighbourWeight` times that of each neighbour (the reference sums the pair's two frames).
 */
@injectable()
export class PixelWiseDistiller implements DistillationStrategy<tf.Tensor> {
  readonly name = 'pixel-wise';
  readonly requires: LossRequirements;

  constructor(@inject(TOKENS.pluginOptions) private readonly options: PixelWiseOptions) {
    this.requires = { labels: false, neighbours: options.neighbourWeight > 0, teacher: true, features: false, triplet: false };
  }

  compute(inputs: LossInputs<tf.Tensor>): tf.Scalar {
    const teacher = teacherOutputs(inputs, this.name);
    return tf.tidy(() => {
      const terms = inputs.student.map((student, i) => {
        const loss = pixelDistillation(student.logits, teacher[i]!.logits, this.options);
        return i === inputs.target ? loss : tf.mul(loss, this.options.neighbourWeight);
      });
      return tf.addN(terms) as tf.Scalar;
    });
  }
}

/** The `pixel-wise` distiller plugin. */
export const pixelWisePlugin: PluginRegistration<PixelWiseDistiller, PixelWiseOptions> = {
  kind: 'distiller',
  name: 'pixel-wise',
  packageName: PACKAGE_NAME,
  description: 'Pixel-wise distillation: KL(teacher || student) of the softmax outputs at temperature T, on every frame of the clip.',
  options: pixelWiseOptions,
  implementation: PixelWiseDistiller,
};
