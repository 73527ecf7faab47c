import { z } from 'zod';

/** Options of the `farneback` estimator: the parameters of cv.calcOpticalFlowFarneback. */
export const farnebackOptionsSchema = z.strictObject({
  pyramidScale: z.number().gt(0).lt(1).default(0.5).describe('scale between pyramid levels (pyr_scale)'),
  levels: z.number().int().min(1).max(10).default(3).describe('pyramid levels, including the full-size image'),
  windowSize: z.number().int().min(3).max(101).default(15).describe('averaging window size in pixels (winsize): larger is smoother and handles faster motion'),
  iterations: z.number().int().min(1).max(50).default(3).describe('iterations at each pyramid level'),
  polyN: z.union([z.literal(5), z.literal(7)]).default(5).describe('neighbourhood of the polynomial expansion (5 or 7)'),
  polySigma: z.number().positive().max(5).default(1.2).describe('Gaussian sigma of the polynomial expansion (1.1 for polyN 5, 1.5 for 7)'),
  gaussianWindow: z.boolean().default(false).describe('Gaussian instead of box averaging window (OPTFLOW_FARNEBACK_GAUSSIAN)'),
});

/** Validated Farneback parameters. */
export type FarnebackOptions = z.output<typeof farnebackOptionsSchema>;
/** Farneback parameters as written (defaults may be omitted). */
export type FarnebackOptionsInput = z.input<typeof farnebackOptionsSchema>;
