import { z } from 'zod';

/**
 * Options every zoo model takes: which extra outputs to build. Spread into a model's options
 * schema (`z.object({ ...outputSelectionOptions, ... })`).
 */
export const outputSelectionOptions = {
  features: z
    .boolean()
    .default(false)
    .describe('also output the feature map used by feature-based distillation (pair-wise, multi-frame); the model docs name the layer'),
  auxLogits: z
    .boolean()
    .default(false)
    .describe('also output the auxiliary head logits, resized to the input size (deep supervision, training only)'),
};

/** Which extra outputs a model is built with. */
export interface OutputSelection {
  readonly features: boolean;
  readonly auxLogits: boolean;
}

/** The `classes` option of models trained from scratch: a dataset's class list, or explicit names. */
export const classesOption = z
  .union([z.enum(['camvid', 'cityscapes']), z.array(z.string().min(1)).min(2)])
  .default('camvid')
  .describe('output classes: "camvid" (11), "cityscapes" (19 trainIds), or a list of class names (one output channel each)');

/** A value of {@link classesOption}. */
export type ClassesOption = z.infer<typeof classesOption>;

/** The `resizeMode` option: the coordinate mode of the bilinear upsampling to the input size. */
export const resizeModeOption = z
  .enum(['align-corners', 'half-pixel', 'asymmetric'])
  .default('align-corners')
  .describe(
    'coordinate mode of the bilinear upsampling of logits to the input size: align-corners as the PSPNet reference code; ' +
      'half-pixel as PyTorch align_corners=False',
  );
