import { z } from 'zod';

const rgb = z.tuple([z.number(), z.number(), z.number()]);

/** Zod schema of core's `Preprocessing`, for plugin options. */
export const preprocessingSchema = z
  .object({
    channelOrder: z.enum(['RGB', 'BGR']).describe('order of the colour channels in the input tensor'),
    mean: rgb.describe('per-channel mean, in channelOrder, on the 0..255 scale'),
    std: rgb.describe('per-channel standard deviation, in channelOrder, on the 0..255 scale'),
    scale: z.number().describe('factor after standardisation: x = (v - mean) / std * scale'),
  })
  .strict();
