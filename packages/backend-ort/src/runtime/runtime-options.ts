import { z } from 'zod';

/** Options of the ONNX Runtime plugins (`runtime: ort-web`, `ort-node`, `ort-webgpu`, `auto`). */
export const ortRuntimeOptionsSchema = z.object({
  threads: z
    .number()
    .int()
    .positive()
    .default(1)
    .describe('Intra-op threads; 1 is fastest on small machines. onnxruntime-web fixes it process-wide at its first session'),
});

/** Options of the ONNX Runtime plugins, with defaults applied. */
export type OrtRuntimeOptions = z.output<typeof ortRuntimeOptionsSchema>;

/** The defaults, for runtimes built outside a container. */
export const DEFAULT_RUNTIME_OPTIONS: OrtRuntimeOptions = { threads: 1 };
