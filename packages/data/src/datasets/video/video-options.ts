import { z } from 'zod';

/** Options of the `video` dataset. */
export const videoOptionsSchema = z.strictObject({
  path: z.string().min(1).describe('the video file (anything the system ffmpeg decodes); absolute, or relative to the folder of the config file'),
  fps: z.number().positive().optional().describe('resample to this frame rate (default: the file\'s own frames)'),
  size: z.tuple([z.number().int().positive(), z.number().int().positive()]).optional().describe('scale frames to [height, width] (default: the file\'s size)'),
  maxFrames: z.number().int().positive().optional().describe('use at most this many frames from the start'),
  ffmpeg: z.string().min(1).default('ffmpeg').describe('the ffmpeg program (name on the PATH or a path)'),
  ffprobe: z.string().min(1).default('ffprobe').describe('the ffprobe program (name on the PATH or a path)'),
  chunkFrames: z.number().int().positive().default(16).describe('frames decoded per ffmpeg call (random access decodes the chunk around a frame)'),
  split: z.string().min(1).default('video').describe('name shown in messages and reports'),
});

/** Validated options of the `video` dataset. */
export type VideoOptions = z.output<typeof videoOptionsSchema>;
/** Options of the `video` dataset as written. */
export type VideoOptionsInput = z.input<typeof videoOptionsSchema>;
