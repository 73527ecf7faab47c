import * as tf from '@tensorflow/tfjs-core';
import { DataError, type ClipSample, type FlowEstimator, type FlowField, type ImageFrame, type LossRequirements, type Preprocessing } from '@vidseg/core';
import { preprocessFrames } from './preprocess.js';

/** One step's clips as engine tensors, frames in clip order. */
export interface ClipBatch {
  /** Index of the labelled frame in `images` (0 when only the labelled frame is used). */
  readonly target: number;
  /** The raw frames per clip position (each a batch), for the teacher. */
  readonly frames: readonly (readonly ImageFrame[])[];
  /** Preprocessed NHWC input per clip position. */
  readonly images: readonly tf.Tensor4D[];
  /** int32 [N, H, W] class ids of the labelled frame. */
  readonly labels?: tf.Tensor3D;
  /** [N, H, W, 2] flow from the labelled frame to each frame (undefined at `target`). */
  readonly flows?: readonly (tf.Tensor4D | undefined)[];
  /** [N, H, W, 2] flow from each frame back to the labelled frame (undefined at `target`). */
  readonly backwardFlows?: readonly (tf.Tensor4D | undefined)[];
}

/**
 * Turns sampled clips into tensors, reading only what the loss terms need: the labelled frame
 * alone unless a term needs neighbours; flows (forward, and backward when asked) exact when the
 * clip has them, else from the
 * estimator `flow` returns (built on first use).
 */
export async function buildClipBatch(
  clips: readonly ClipSample[],
  needs: LossRequirements,
  preprocessing: Preprocessing,
  flow: (() => FlowEstimator) | undefined,
): Promise<ClipBatch> {
  let samples = clips;
  const first = samples[0]!;
  for (const sample of samples) {
    if (sample.frames.length !== first.frames.length) {
      throw new DataError(`clip sampler returned clips of different lengths (${sample.frames.length} and ${first.frames.length} frames) for one batch`);
    }
  }
  samples = samples.map((sample) => moveTarget(sample, first.target));
  const positions = needs.neighbours ? first.frames.map((_, i) => i) : [first.target];
  const target = positions.indexOf(first.target);
  const frames = positions.map((p) => samples.map((s) => s.frames[p]!.image));
  const hostFlows = needs.neighbours ? await forwardFlows(samples, positions, flow) : undefined;
  const hostBackward = needs.neighbours && needs.backwardFlows ? await backwardFlows(samples, positions, flow) : undefined;
  // No tf.tidy here: it would walk the frames' pixel arrays, and nothing intermediate is created.
  return {
    target,
    frames,
    images: frames.map((batch) => preprocessFrames(batch, preprocessing)),
    ...(needs.labels ? { labels: labelTensor(samples) } : {}),
    ...(hostFlows ? { flows: hostFlows.map((f) => f && flowTensor(f)) } : {}),
    ...(hostBackward ? { backwardFlows: hostBackward.map((f) => f && flowTensor(f)) } : {}),
  };
}

/**
 * The clip with its labelled frame moved to index `target`, the other frames keeping their order
 * (a pair (t', t) becomes (t, t') when `target` is 0), so that clips sampled with neighbours on
 * either side batch together.
 */
export function moveTarget(sample: ClipSample, target: number): ClipSample {
  if (sample.target === target) return sample;
  const order = sample.frames.map((_, i) => i).filter((i) => i !== sample.target);
  order.splice(target, 0, sample.target);
  const pick = <T>(list: readonly T[] | undefined) => list && order.map((i) => list[i]!);
  return {
    frames: order.map((i) => sample.frames[i]!),
    target,
    ...(sample.exactFlows ? { exactFlows: pick(sample.exactFlows) } : {}),
    ...(sample.exactFlowMasks ? { exactFlowMasks: pick(sample.exactFlowMasks) } : {}),
    ...(sample.exactBackwardFlows ? { exactBackwardFlows: pick(sample.exactBackwardFlows) } : {}),
    ...(sample.exactBackwardFlowMasks ? { exactBackwardFlowMasks: pick(sample.exactBackwardFlowMasks) } : {}),
  };
}

/** Frees every tensor of `batch`. */
export function disposeClipBatch(batch: ClipBatch): void {
  tf.dispose([...batch.images, ...(batch.labels ? [batch.labels] : []), ...defined(batch.flows), ...defined(batch.backwardFlows)]);
}

const defined = (list: readonly (tf.Tensor | undefined)[] | undefined): tf.Tensor[] => (list ?? []).filter((t): t is tf.Tensor => !!t);

function labelTensor(samples: readonly ClipSample[]): tf.Tensor3D {
  const labelled = samples.map((s) => {
    const label = s.frames[s.target]!.label;
    if (!label) throw new DataError(`clip ${s.frames[s.target]!.id}: the labelled frame has no label map, and a loss needs labels`);
    return label;
  });
  const { width, height } = labelled[0]!;
  const data = new Int32Array(samples.length * width * height);
  labelled.forEach((label, n) => data.set(label.data, n * width * height));
  return tf.tensor3d(data, [samples.length, height, width], 'int32');
}

function flowTensor(fields: readonly FlowField[]): tf.Tensor4D {
  const { width, height } = fields[0]!;
  const data = new Float32Array(fields.length * width * height * 2);
  fields.forEach((field, n) => data.set(field.data, n * width * height * 2));
  return tf.tensor4d(data, [fields.length, height, width, 2]);
}

async function forwardFlows(samples: readonly ClipSample[], positions: readonly number[], flow: (() => FlowEstimator) | undefined): Promise<(FlowField[] | undefined)[]> {
  return Promise.all(
    positions.map(async (p) => {
      if (p === samples[0]!.target) return undefined;
      return Promise.all(samples.map((s) => s.exactFlows?.[p] ?? estimate(flow, s, s.target, p)));
    }),
  );
}

async function backwardFlows(samples: readonly ClipSample[], positions: readonly number[], flow: (() => FlowEstimator) | undefined): Promise<(FlowField[] | undefined)[]> {
  return Promise.all(
    positions.map(async (p) =>
      p === samples[0]!.target ? undefined : Promise.all(samples.map((s) => s.exactBackwardFlows?.[p] ?? estimate(flow, s, p, s.target))),
    ),
  );
}

function estimate(flow: (() => FlowEstimator) | undefined, sample: ClipSample, from: number, to: number): Promise<FlowField> {
  const a = sample.frames[from]!;
  const b = sample.frames[to]!;
  if (!flow) throw new DataError(`clip ${a.id}: no flow from ${a.id} to ${b.id} and no flow estimator configured (config "flow")`);
  return flow().estimate(a.image, b.image, { from: a.id, to: b.id });
}
