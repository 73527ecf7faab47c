import { z } from 'zod';

const sizeSchema = z.tuple([z.number().int().positive(), z.number().int().positive()]).readonly();

/** Options of {@link exportOnnx}, with defaults. */
export const exportOptionsSchema = z.object({
  inputSize: z
    .union([sizeSchema, z.enum(['native', 'dynamic'])])
    .default('native')
    .describe(
      'Input [height, width] baked into the graph; "native" takes the model\'s native size (dynamic when it has none); "dynamic" accepts any size that is a multiple of the model\'s constraint',
    ),
  batch: z
    .union([z.number().int().positive(), z.literal('dynamic')])
    .default(1)
    .describe('Batch size baked into the graph, or "dynamic"'),
  image: z
    .enum(['none', 'rgb', 'rgba'])
    .default('none')
    .describe(
      'In-graph preprocessing: "rgb" or "rgba" makes the input a uint8 NHWC image named "image" (cast, channel order, (v - mean) / std * scale and NCHW inside the graph); "none" keeps the network\'s float NCHW input',
    ),
  outputs: z
    .array(z.string().min(1))
    .min(1)
    .default(['logits'])
    .describe(
      'Graph outputs, in order: "labels" (uint8 argmax label map, N x H x W), "probabilities" (softmax, N x K x H x W), or any output role of the network ("logits", "features", "auxLogits")',
    ),
  upsample: z
    .enum(['half-pixel', 'align-corners'])
    .default('half-pixel')
    .describe('How logits smaller than the input are resized (bilinear) before "labels" and "probabilities"'),
  palette: z
    .object({
      name: z.string(),
      colors: z.array(z.tuple([z.number(), z.number(), z.number()])),
      ignoreLabel: z.number().int(),
      ignoreColor: z.tuple([z.number(), z.number(), z.number()]),
    })
    .optional()
    .describe('Display colours stored in the model; by default a built-in palette whose classes match the model\'s'),
});

/** Options of {@link exportOnnx} as a caller writes them (every field optional). */
export type ExportOptions = z.input<typeof exportOptionsSchema>;

/** Options of {@link exportOnnx} with defaults applied. */
export type ResolvedExportOptions = z.output<typeof exportOptionsSchema>;
