import { z } from 'zod';
import { pseudoMotionOptionsSchema } from '../../motion/pseudo-motion-options.js';
import { onBadInputSchema } from '../bad-input.js';

/** Options of the `frames` dataset. */
export const framesOptionsSchema = z.strictObject({
  root: z.string().min(1).describe('folder of the frames of one video (PNG, JPEG or WebP), in file-name order; absolute, or relative to the folder of the config file'),
  labels: z.string().min(1).optional().describe('folder of label PNGs named like their frames (e.g. 0001.png for 0001.jpg); only labelled frames are then positions'),
  classes: z.enum(['camvid', 'cityscapes']).default('camvid').describe('label space of the label maps'),
  labelEncoding: z
    .enum(['ids', 'colours', 'label-ids'])
    .default('ids')
    .describe('ids: 8-bit grey class ids; colours: the label space palette colours; label-ids: Cityscapes labelIds 0..33 (as in *_gtFine_labelIds.png), mapped to the 19 trainIds (classes: cityscapes)'),
  split: z.string().min(1).default('frames').describe('name shown in messages and reports'),
  onBadInput: onBadInputSchema,
  pseudoMotion: pseudoMotionOptionsSchema.prefault({}).describe('pseudo-motion neighbours for offsets past either end of the folder'),
});

/** Validated options of the `frames` dataset. */
export type FramesOptions = z.output<typeof framesOptionsSchema>;
/** Options of the `frames` dataset as written. */
export type FramesOptionsInput = z.input<typeof framesOptionsSchema>;
