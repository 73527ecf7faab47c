import { z } from 'zod';
import { pseudoMotionOptionsSchema } from '../../motion/pseudo-motion-options.js';

/** Options of the `video-folder` dataset. */
export const videoFolderOptionsSchema = z.strictObject({
  root: z.string().min(1).describe('folder whose sub-folders of frames and video files are one sequence each; absolute, or relative to the folder of the config file'),
  include: z.array(z.string().min(1)).optional().describe('use only these sequences (sub-folder names, or video file names without extension)'),
  exclude: z.array(z.string().min(1)).default([]).describe('leave these sequences out (e.g. the ones held out for measuring)'),
  split: z.string().min(1).default('video-folder').describe('name shown in messages and reports'),
  pseudoMotion: pseudoMotionOptionsSchema.prefault({}).describe('pseudo-motion neighbours for offsets past either end of a sequence'),
});

/** Validated options of the `video-folder` dataset. */
export type VideoFolderOptions = z.output<typeof videoFolderOptionsSchema>;
/** Options of the `video-folder` dataset as written. */
export type VideoFolderOptionsInput = z.input<typeof videoFolderOptionsSchema>;
