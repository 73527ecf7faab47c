import { z } from 'zod';

const size = z.tuple([z.number().int().positive(), z.number().int().positive()]);
const range = (low: number, high: number) => z.tuple([z.number().min(low).max(high), z.number().min(low).max(high)]).refine(([a, b]) => a <= b, 'expected [min, max] with min <= max');

/** Options of {@link TrainingClipSampler}; every field has a default. */
export const clipSamplerOptionsSchema = z.strictObject({
  mode: z.enum(['pair', 'triplet']).default('pair').describe('pair: (t, t + gap); triplet: (t - k, t, t + k) with k a positive gap'),
  gaps: z
    .array(z.number().int().refine((g) => g !== 0, 'a gap of 0 is the frame itself'))
    .min(1)
    .default([-3, -2, -1, 1, 2, 3])
    .describe('video-frame offsets the neighbour is drawn from (the reference draws from -3..3 without 0)'),
  cropSize: size.optional().describe('output size as [height, width] (default: the source size)'),
  scale: range(0.05, 20).default([0.75, 1.25]).describe('range of the random scale factor'),
  maxRotation: z.number().min(0).max(45).default(3).describe('largest random rotation, degrees'),
  flipProbability: z.number().min(0).max(1).default(0.5).describe('probability of a horizontal flip'),
  brightness: z.number().min(0).max(1).default(0.2).describe('brightness factor drawn from [1 - x, 1 + x]'),
  contrast: z.number().min(0).max(1).default(0.2).describe('contrast factor drawn from [1 - x, 1 + x]'),
  saturation: z.number().min(0).max(1).default(0.2).describe('saturation factor drawn from [1 - x, 1 + x]'),
  flowTolerance: z.number().positive().default(0.5).describe('flows around a resampled point may differ by this many pixels and stay valid'),
});

/** Validated sampler options. */
export type ClipSamplerOptions = z.output<typeof clipSamplerOptionsSchema>;
/** Sampler options as written (defaults may be omitted). */
export type ClipSamplerOptionsInput = z.input<typeof clipSamplerOptionsSchema>;
