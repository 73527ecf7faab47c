import { z } from 'zod';
import { DataError, UsageError, assertSameSize, type FlowEstimator, type FlowField, type ImageFrame, type InferenceSession } from '@vidseg/core';
import { contentHash } from '../io/content-hash.js';
import { FrameFeeder } from '../io/frame-feeder.js';
import type { ModelIo } from '../io/model-io.js';
import type { LoadedModel } from '../io/model-source.js';
import { preprocessingSchema } from '../io/preprocessing-schema.js';
import { readOnnxModel, type OnnxTensorInfo } from '../onnx/read-onnx-model.js';
import { RUNTIME_NAMES } from '../runtime/register-runtimes.js';
import { resolveRuntime, type RuntimeChoice } from '../runtime/resolve-runtime.js';
import { toInterleavedFlow } from './upsample-flow.js';

/** Options of the ONNX flow estimator (`flow: { type: onnx, ... }`). */
export const onnxFlowOptionsSchema = z
  .object({
    model: z.string().min(1).describe('path of the .onnx flow model: two float32 N x 3 x H x W image inputs, a 2-channel N x 2 x h x w flow output'),
    runtime: z.enum(RUNTIME_NAMES).default('auto').describe('ONNX Runtime to run it on; auto prefers onnxruntime-node'),
    threads: z.number().int().positive().default(1).describe('intra-op threads'),
    inputs: z.tuple([z.string(), z.string()]).optional().describe('names of the first-frame and second-frame inputs (default: the model\'s two inputs in order)'),
    output: z.string().optional().describe('name of the flow output (default: the model\'s first output)'),
    preprocessing: preprocessingSchema
      .default({ channelOrder: 'RGB', mean: [0, 0, 0], std: [1, 1, 1], scale: 1 })
      .describe('how pixels become the model\'s input (default: RGB values 0..255 unchanged)'),
    flowScale: z.number().positive().default(1).describe('factor applied to the output vectors (e.g. 20 for FlowNet-style outputs stored divided by 20)'),
  })
  .strict();

/** Options of the ONNX flow estimator, with defaults applied. */
export type OnnxFlowOptions = z.output<typeof onnxFlowOptionsSchema>;

/**
 * Optical flow from a user-provided ONNX model with two image inputs (frame t, frame t') and a
 * 2-channel output (dx, dy in pixels, channel 0 horizontal). An output smaller than the frames is
 * upsampled bilinearly and its vectors scaled by the size ratio. The cache key holds a hash of the
 * model file and the options that change the output.
 */
export class OnnxFlowEstimator implements FlowEstimator {
  readonly name = 'onnx';
  readonly cacheKey: string;
  private readonly inputs: readonly [string, string];
  private readonly output: string;
  private readonly feeders: readonly [FrameFeeder, FrameFeeder];
  private session: Promise<InferenceSession> | undefined;

  constructor(
    private readonly model: LoadedModel,
    private readonly options: Omit<OnnxFlowOptions, 'model' | 'runtime'> & { runtime: RuntimeChoice },
  ) {
    const info = readOnnxModel(model.bytes, model.source);
    const inputs = options.inputs ?? (info.inputs.length === 2 ? [info.inputs[0]!.name, info.inputs[1]!.name] as const : undefined);
    if (!inputs) throw new UsageError(`${model.source}: a flow model needs two image inputs, it has ${info.inputs.length}; name them with the "inputs" option`);
    const declared = inputs.map((name) => info.inputs.find((i) => i.name === name) ?? fail(model.source, `has no input "${name}"`));
    this.inputs = inputs;
    this.output = options.output ?? info.outputs[0]!.name;
    if (!info.outputs.some((o) => o.name === this.output)) fail(model.source, `has no output "${this.output}"`);
    this.feeders = [new FrameFeeder(inputIo(declared[0]!, options), model.source), new FrameFeeder(inputIo(declared[1]!, options), model.source)];
    this.cacheKey = `onnx:${contentHash(model.bytes)}:${JSON.stringify({ inputs, output: this.output, preprocessing: options.preprocessing, flowScale: options.flowScale })}`;
  }

  async estimate(from: ImageFrame, to: ImageFrame): Promise<FlowField> {
    assertSameSize(from, to, `${this.model.source}: flow between frames`);
    const session = await this.openSession();
    const feeds = { [this.inputs[0]]: this.feeders[0].feed([from], 'first frame'), [this.inputs[1]]: this.feeders[1].feed([to], 'second frame') };
    const flow = (await session.run(feeds, [this.output]))[this.output]!;
    const [n, c, h, w] = flow.dims;
    if (flow.type !== 'float32' || flow.dims.length !== 4 || n !== 1 || c !== 2) {
      fail(this.model.source, `output "${this.output}" should be float32 [1, 2, h, w], got ${flow.type} [${flow.dims.join(', ')}]`);
    }
    if (from.height % h! !== 0 || from.width % w! !== 0) {
      fail(this.model.source, `flow output is ${w}x${h}, which does not divide the ${from.width}x${from.height} frames`);
    }
    return { width: from.width, height: from.height, data: toInterleavedFlow(flow.data as Float32Array, h!, w!, from.height, from.width, this.options.flowScale) };
  }

  dispose(): void {
    void this.session?.then((session) => session.release());
    this.session = undefined;
  }

  private openSession(): Promise<InferenceSession> {
    this.session ??= (async () => {
      const runtime = await resolveRuntime(this.options.runtime, { threads: this.options.threads });
      return runtime.createSession(this.model.bytes, { threads: this.options.threads });
    })();
    return this.session;
  }
}

function fail(source: string, problem: string): never {
  throw new DataError(`${source}: ${problem}`);
}

/** How one of the two image inputs is fed: float32 NCHW with the estimator's preprocessing. */
function inputIo(input: OnnxTensorInfo, options: Pick<OnnxFlowOptions, 'preprocessing'>): ModelIo {
  const [n, c, h, w] = input.dims;
  if (input.type !== 'float32' || input.dims.length !== 4 || c !== 3) {
    throw new UsageError(`input "${input.name}" should be float32 [N, 3, H, W], got ${input.type} [${input.dims.map((d) => d ?? '?').join(', ')}]`);
  }
  const size = typeof h === 'number' && typeof w === 'number' ? ([h, w] as const) : null;
  return {
    input: { name: input.name, format: 'tensor', size, batch: typeof n === 'number' ? n : null, multipleOf: 1 },
    outputs: {},
    classes: [],
    preprocessing: options.preprocessing,
  };
}
