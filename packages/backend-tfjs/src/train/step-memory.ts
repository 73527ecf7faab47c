import { totalmem } from 'node:os';
import { ConfigError, type LossRequirements, type VidsegConfig } from '@vidseg/core';
import { inferShapes, type Graph } from '@vidseg/models';

/**
 * Bytes of engine memory one training step takes per byte of forward activations (every graph
 * value at float32, summed): the forward keeps them for the backward pass, which makes gradients
 * of the same sizes while it frees them (releasingVariableGrads). Fitted to the wasm heap of the
 * three zoo students at 360x480 and 512x1024 measured by `bench/run.mjs step-memory`: the
 * estimate is 0.9x to 1.8x the measured peak (README, "Memory of one step").
 */
export const BYTES_PER_ACTIVATION_BYTE = 2;

/** wasm32's whole address space: tfjs-backend-wasm cannot grow its heap past 4 GiB. */
const WASM_HEAP_LIMIT = 2 ** 32;

/** What one step is estimated to need, and the engine's limit. */
export interface StepMemoryEstimate {
  /** Estimated peak bytes of one step's tensors. */
  readonly bytes: number;
  /** Forward activation bytes of one image at `train.inputSize`. */
  readonly activationBytesPerImage: number;
  /** Images through the network per micro-batch (batch size times frames per clip). */
  readonly images: number;
  /** What the engine can hold, and why; undefined where it is not known (a GPU). */
  readonly limit?: { readonly bytes: number; readonly reason: string };
}

/** Forward activation bytes of one image at `[height, width]`: every graph value at float32. */
export function activationBytes(graph: Graph, inputSize: readonly [number, number]): number {
  const sizes = Object.fromEntries(graph.inputs.map((input) => [input.name, inputSize] as const));
  let floats = 0;
  for (const [c, h, w] of inferShapes(graph, sizes).values()) floats += c * h * w;
  return floats * 4;
}

/** The memory limit of a tfjs engine by name: the wasm heap, the machine's memory on the CPU, none known on a GPU. */
function engineLimit(engine: string): StepMemoryEstimate['limit'] {
  if (engine === 'wasm') return { bytes: WASM_HEAP_LIMIT, reason: "the wasm engine's 4 GiB heap" };
  if (engine === 'cpu' || engine === 'tensorflow') return { bytes: totalmem(), reason: "this machine's memory" };
  return undefined;
}

/** Estimates the memory of one training step of `graph` from the config's batch and input size and what the losses need. */
export function estimateStepMemory(graph: Graph, config: VidsegConfig, needs: LossRequirements, engine: string): StepMemoryEstimate {
  const framesPerClip = needs.triplet ? 3 : needs.neighbours ? 2 : 1;
  const images = config.train.batchSize * framesPerClip;
  const perImage = activationBytes(graph, config.train.inputSize);
  const limit = engineLimit(engine);
  return { bytes: perImage * images * BYTES_PER_ACTIVATION_BYTE, activationBytesPerImage: perImage, images, ...(limit ? { limit } : {}) };
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(bytes < 2 ** 30 ? 2 : 1)} GiB`;

/**
 * Refuses, before training starts, a step that cannot fit the engine's memory: a
 * {@link ConfigError} with the estimate and the limit, on `train.batchSize` when one clip per step
 * would fit (with the largest batch that does), else on `train.inputSize` (with a size that does).
 */
export function assertStepFits(graph: Graph, config: VidsegConfig, needs: LossRequirements, engine: string, configFile?: string): StepMemoryEstimate {
  const estimate = estimateStepMemory(graph, config, needs, engine);
  if (!estimate.limit || estimate.bytes <= estimate.limit.bytes) return estimate;
  const [height, width] = config.train.inputSize;
  // Aim 20 % below the limit: the estimate is 0.9x to 1.8x the measured peak.
  const budget = 0.8 * estimate.limit.bytes;
  const perClip = estimate.bytes / config.train.batchSize;
  const message =
    `one training step needs about ${gib(estimate.bytes)} (${estimate.images} images of ${height}x${width}, ` +
    `${gib(estimate.activationBytesPerImage)} of activations each), more than ${estimate.limit.reason} (${gib(estimate.limit.bytes)})`;
  const batchFits = Math.floor(budget / perClip);
  if (batchFits >= 1) {
    throw new ConfigError([{ path: 'train.batchSize', message }], configFile, {
      hint: `lower train.batchSize to at most ${batchFits} at this input size (train.accumulate keeps the effective batch: --set train.batchSize=${batchFits} --set train.accumulate=${Math.ceil(config.train.batchSize / batchFits)})`,
    });
  }
  // Activations grow with the pixel count: the side scale that fits one clip.
  const scale = Math.sqrt(budget / perClip);
  const side = (n: number) => Math.max(8, Math.floor((n * scale) / 8) * 8);
  throw new ConfigError([{ path: 'train.inputSize', message }], configFile, {
    hint: `lower train.inputSize (e.g. --set train.inputSize=[${side(height)},${side(width)}] with train.batchSize 1), or choose a smaller model`,
  });
}
