import { z } from 'zod';
import { pseudoMotionOptionsSchema } from '../../motion/pseudo-motion-options.js';
import { onBadInputSchema } from '../bad-input.js';

/** Options of the `camvid` dataset. */
export const camvidOptionsSchema = z.strictObject({
  root: z.string().min(1).describe('folder with train.txt, val.txt, test.txt and the image/annotation folders (SegNet layout); absolute, or relative to the folder of the config file'),
  split: z.enum(['train', 'val', 'test']).default('train').describe('which list file to read'),
  onBadInput: onBadInputSchema,
  pseudoMotion: pseudoMotionOptionsSchema.prefault({}).describe('pseudo-motion neighbours for frames without raw neighbours (all of train and test)'),
});

/** Validated options of the `camvid` dataset. */
export type CamvidOptions = z.output<typeof camvidOptionsSchema>;
/** Options of the `camvid` dataset as written (defaults may be omitted). */
export type CamvidOptionsInput = z.input<typeof camvidOptionsSchema>;
