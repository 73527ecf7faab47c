import { z } from 'zod';
import { UsageError, type ImageFrame, type InferenceSession, type NetworkOutputs, type RuntimeTensor, type Teacher } from '@vidseg/core';
import { FrameFeeder } from '../io/frame-feeder.js';
import { describeModelIo, type ModelIo } from '../io/model-io.js';
import type { LoadedModel } from '../io/model-source.js';
import { preprocessingSchema } from '../io/preprocessing-schema.js';
import { readOnnxModel } from '../onnx/read-onnx-model.js';
import { RUNTIME_NAMES } from '../runtime/register-runtimes.js';
import { resolveRuntime, type RuntimeChoice } from '../runtime/resolve-runtime.js';

/** Options of the ONNX teacher (`teacher: { type: onnx, ... }`). */
export const onnxTeacherOptionsSchema = z
  .object({
    model: z.string().min(1).describe('path of the .onnx segmentation model (relative to the config file)'),
    runtime: z.enum(RUNTIME_NAMES).default('auto').describe('ONNX Runtime to run it on; auto prefers onnxruntime-node'),
    threads: z.number().int().positive().default(1).describe('intra-op threads'),
    logits: z.string().optional().describe('output read as logits (default: "logits", else the first float N x K x H x W output)'),
    features: z.string().optional().describe('output read as the feature map for feature distillation (default: "features" when the model has it)'),
    preprocessing: preprocessingSchema.optional().describe('input preprocessing; required for models not exported by vidseg'),
    classes: z.array(z.string()).min(1).optional().describe('class names; required for models not exported by vidseg'),
  })
  .strict();

/** Options of the ONNX teacher, as given. */
export type OnnxTeacherOptions = z.input<typeof onnxTeacherOptionsSchema>;

/**
 * A frozen segmentation network in ONNX (any model: a vidseg export, or another with its
 * preprocessing and classes given) used as a distillation teacher. It returns host tensors, NCHW
 * float32 (`logits`, and `features` when asked): `@vidseg/backend-tfjs` wraps it for training with
 * its RuntimeTeacherAdapter. Models with a fixed batch size run frame by frame.
 */
export class OnnxTeacher implements Teacher<RuntimeTensor> {
  readonly name: string;
  readonly classes: readonly string[];
  private readonly io: ModelIo;
  private readonly feeder: FrameFeeder;
  private session: Promise<InferenceSession> | undefined;

  /** @param model - the model bytes (see `loadModelSource`); `options.runtime` may also be any runtime. */
  constructor(
    private readonly model: LoadedModel,
    private readonly options: Omit<z.output<typeof onnxTeacherOptionsSchema>, 'model' | 'runtime'> & { runtime: RuntimeChoice },
  ) {
    this.io = describeModelIo(readOnnxModel(model.bytes, model.source), options);
    if (!this.io.outputs.logits) throw new UsageError(`${model.source}: no logits output for the teacher; name it with the "logits" option`);
    this.name = `onnx:${model.source}`;
    this.classes = this.io.classes;
    this.feeder = new FrameFeeder(this.io, model.source);
  }

  async predict(frames: readonly ImageFrame[], options: { features?: boolean } = {}): Promise<NetworkOutputs<RuntimeTensor>> {
    const wanted = [this.io.outputs.logits!];
    if (options.features) {
      const features = this.io.outputs.features;
      if (!features) throw new UsageError(`${this.model.source}: the teacher has no features output; name it with the "features" option`);
      wanted.push(features);
    }
    const batch = this.io.input.batch;
    if (batch !== null && batch !== 1) throw new UsageError(`${this.model.source}: models with a fixed batch of ${batch} are not supported; export with batch 1 or "dynamic"`);
    const session = await this.openSession();
    const groups = batch === null ? [frames] : frames.map((frame) => [frame]);
    const results: Record<string, RuntimeTensor>[] = [];
    for (const group of groups) results.push(await session.run({ [this.io.input.name]: this.feeder.feed(group) }, wanted));
    const [logits, features] = wanted.map((name) => concatBatch(results.map((r) => r[name]!)));
    return { logits: logits!, ...(features ? { features } : {}) };
  }

  async dispose(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (session) await (await session).release();
  }

  private openSession(): Promise<InferenceSession> {
    this.session ??= (async () => {
      const runtime = await resolveRuntime(this.options.runtime, { threads: this.options.threads });
      return runtime.createSession(this.model.bytes, { threads: this.options.threads });
    })();
    return this.session;
  }
}

/** Float32 tensors of equal item shape stacked along the batch axis (the tensor itself when alone). */
function concatBatch(tensors: readonly RuntimeTensor[]): RuntimeTensor {
  if (tensors.length === 1) return tensors[0]!;
  const [first] = tensors;
  const data = new Float32Array(tensors.reduce((n, t) => n + t.data.length, 0));
  let offset = 0;
  for (const tensor of tensors) {
    data.set(tensor.data as Float32Array, offset);
    offset += tensor.data.length;
  }
  return { type: 'float32', dims: [tensors.reduce((n, t) => n + t.dims[0]!, 0), ...first!.dims.slice(1)], data };
}
