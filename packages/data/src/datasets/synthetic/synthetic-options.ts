import { z } from 'zod';

/** Options of the `synthetic` dataset. */
export const syntheticDatasetOptionsSchema = z.strictObject({
  split: z.enum(['train', 'val', 'test']).default('train').describe('which split: each draws its own streets from the seed'),
  seed: z.number().int().min(0).default(0).describe('seed of the streets (the same seed always gives the same clips)'),
  clips: z.number().int().positive().default(16).describe('number of clips (sequences) in the split'),
  framesPerClip: z.number().int().min(2).default(30).describe('labelled frames per clip (every frame is labelled)'),
  size: z.tuple([z.number().int().min(8), z.number().int().min(8)]).default([360, 480]).describe('frame size as [height, width]'),
  speed: z.number().min(0).max(2).default(0.2).describe('mean camera speed, metres per frame'),
  traffic: z.number().min(0).max(5).default(1).describe('multiplier of the number of cars, pedestrians and cyclists'),
  lighting: z.number().min(0).max(0.5).default(0.03).describe('relative amplitude of the exposure changes over time'),
  sensorNoise: z.number().min(0).max(30).default(2).describe('standard deviation of the per-pixel sensor noise, 8-bit levels'),
  flicker: z.number().min(0).max(0.5).default(0).describe('per-frame exposure and white-balance jumps: relative amplitude of a random gain per frame (0: none)'),
  compression: z.number().min(0).max(64).default(0).describe('block-compression artefacts: quantisation step of the detail in 8x8 blocks, 8-bit levels (0: none)'),
  motionBlur: z.number().int().min(0).max(16).default(0).describe('longest horizontal motion blur of a frame, pixels (each frame draws its own; 0: none)'),
  shake: z.number().min(0).max(0.05).default(0).describe('hand-held camera shake: amplitude of a random yaw and pitch per frame, radians (0: none; the exact flow includes it)'),
  cachedClips: z.number().int().min(1).default(4).describe('clips whose recent frames stay in memory'),
});

/** Validated options of the `synthetic` dataset. */
export type SyntheticDatasetOptions = z.output<typeof syntheticDatasetOptionsSchema>;
/** Options of the `synthetic` dataset as written (defaults may be omitted). */
export type SyntheticDatasetOptionsInput = z.input<typeof syntheticDatasetOptionsSchema>;
