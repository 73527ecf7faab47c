import { z } from 'zod';
import { pseudoMotionOptionsSchema } from '../../motion/pseudo-motion-options.js';
import { onBadInputSchema } from '../bad-input.js';

/** Options of the `cityscapes` dataset. */
export const cityscapesOptionsSchema = z.strictObject({
  root: z.string().min(1).describe('folder holding leftImg8bit/, gtFine/ and (for neighbours) leftImg8bit_sequence/; absolute, or relative to the folder of the config file'),
  split: z.enum(['train', 'val', 'test']).default('train').describe('which split folder to read'),
  onBadInput: onBadInputSchema,
  pseudoMotion: pseudoMotionOptionsSchema.prefault({}).describe('pseudo-motion neighbours where leftImg8bit_sequence has no frame at the offset'),
});

/** Validated options of the `cityscapes` dataset. */
export type CityscapesOptions = z.output<typeof cityscapesOptionsSchema>;
/** Options of the `cityscapes` dataset as written. */
export type CityscapesOptionsInput = z.input<typeof cityscapesOptionsSchema>;
