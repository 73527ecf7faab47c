import { z } from 'zod';

/** Options of the `flo` estimator. */
export const floFileOptionsSchema = z.strictObject({
  dir: z.string().min(1).describe('folder of precomputed Middlebury .flo files; absolute, or relative to the working directory'),
  pattern: z
    .string()
    .default('{from}_{to}.flo')
    .refine((p) => p.includes('{from}') && p.includes('{to}'), 'the pattern must contain {from} and {to}')
    .describe('file name of the flow between two frames; {from} and {to} are replaced by the frame ids'),
});

/** Validated options of the `flo` estimator. */
export type FloFileOptions = z.output<typeof floFileOptionsSchema>;
/** Options of the `flo` estimator as written. */
export type FloFileOptionsInput = z.input<typeof floFileOptionsSchema>;
