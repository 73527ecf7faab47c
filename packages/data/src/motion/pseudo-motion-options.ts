import { z } from 'zod';

/** Settings of pseudo-motion pairs (the still warped by a random smooth camera motion); amounts are per video frame of gap. */
export const pseudoMotionOptionsSchema = z.strictObject({
  mode: z
    .enum(['auto', 'always', 'off'])
    .default('auto')
    .describe('auto: only for offsets without a raw neighbour (all of CamVid train); always: for every offset; off: never'),
  translation: z.number().min(0).max(0.2).default(0.006).describe('largest shift per frame of gap, as a share of the image width'),
  rotation: z.number().min(0).max(10).default(0.15).describe('largest rotation per frame of gap, degrees'),
  zoom: z.number().min(0).max(0.2).default(0.005).describe('largest relative scale change per frame of gap'),
  perspective: z.number().min(0).max(0.05).default(0.002).describe('largest perspective tilt per frame of gap (relative depth change across the image)'),
  deformation: z.number().min(0).max(10).default(0.4).describe('largest local smooth displacement per frame of gap, pixels'),
  deformationCells: z.number().int().min(1).max(32).default(4).describe('cells of the deformation grid across the image width (height in proportion)'),
});

/** Validated pseudo-motion settings. */
export type PseudoMotionOptions = z.output<typeof pseudoMotionOptionsSchema>;
