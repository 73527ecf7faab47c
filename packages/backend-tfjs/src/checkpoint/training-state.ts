import { DataError, type NamedTensors } from '@vidseg/core';
import type { TfjsNetwork } from '../network/tfjs-network.js';
import type { ClipFeedState } from '../train/clip-feed.js';
import type { EpochOrderState } from '../train/epoch-order.js';
import type { SgdOptimizer } from '../train/sgd-optimizer.js';
import type { CheckpointContent, LoadedCheckpoint } from './checkpoint-store.js';

/** The scalar state of a run saved beside the tensors. */
export interface TrainingStateMeta {
  readonly step: number;
  /** State of the trainer's random stream (clip order, augmentation). */
  readonly random: readonly number[];
  readonly order: EpochOrderState;
  /** Where the unlabelled clips' feed stands (runs with `data.unlabelled`). */
  readonly unlabelled?: ClipFeedState;
  /** The engine that wrote it (resuming elsewhere continues, with a warning). */
  readonly backend: string;
  readonly seed: number;
  /** Training seconds up to this checkpoint, earlier segments included (0 in checkpoints written before it was saved). */
  readonly seconds: number;
}

const MODEL_PREFIX = 'model.';
const MOMENTUM_PREFIX = 'optimizer.momentum.';
const FORMAT = 'vidseg-training-state/1';

/**
 * A checkpoint of a run: every network tensor in PyTorch layout under `model.<name>` (loadable as
 * plain weights after removing the prefix), the SGD momentum buffers under
 * `optimizer.momentum.<name>` (tfjs layout), and the step, random streams and clip order as JSON.
 */
export async function trainingStateContent(network: TfjsNetwork, optimizer: SgdOptimizer, meta: TrainingStateMeta): Promise<CheckpointContent> {
  const tensors: NamedTensors = new Map();
  for (const [name, tensor] of await network.snapshot()) tensors.set(MODEL_PREFIX + name, tensor);
  for (const [name, tensor] of await optimizer.state()) tensors.set(MOMENTUM_PREFIX + name, tensor);
  return { tensors, state: { format: FORMAT, model: network.model.name, dropoutRandom: network.getRandomState(), ...meta } };
}

/** The network weights (PyTorch layout, plain names) held by a checkpoint of {@link trainingStateContent}. */
export function checkpointWeights(checkpoint: LoadedCheckpoint): NamedTensors {
  assertTrainingState(checkpoint);
  const weights: NamedTensors = new Map();
  for (const [name, tensor] of checkpoint.tensors) if (name.startsWith(MODEL_PREFIX)) weights.set(name.slice(MODEL_PREFIX.length), tensor);
  return weights;
}

function assertTrainingState(checkpoint: LoadedCheckpoint): void {
  const format = (checkpoint.state as { format?: unknown }).format;
  if (format !== FORMAT) throw new DataError(`${checkpoint.path}: not a vidseg training checkpoint (format ${String(format)}, expected ${FORMAT})`);
}

/** Loads a checkpoint written by {@link trainingStateContent} into `network` and `optimizer`. */
export function restoreTrainingState(checkpoint: LoadedCheckpoint, network: TfjsNetwork, optimizer: SgdOptimizer): TrainingStateMeta {
  assertTrainingState(checkpoint);
  const state = checkpoint.state as Partial<TrainingStateMeta> & { model?: unknown; dropoutRandom?: number[] };
  if (state.model !== network.model.name) {
    throw new DataError(`${checkpoint.path}: the checkpoint is of model "${String(state.model)}", the config builds "${network.model.name}"`);
  }
  const momentum: NamedTensors = new Map();
  for (const [name, tensor] of checkpoint.tensors) if (name.startsWith(MOMENTUM_PREFIX)) momentum.set(name.slice(MOMENTUM_PREFIX.length), tensor);
  network.load(checkpointWeights(checkpoint));
  optimizer.load(momentum, network.parameters, checkpoint.path);
  if (state.dropoutRandom) network.setRandomState(state.dropoutRandom);
  return {
    step: state.step!,
    random: state.random!,
    order: state.order!,
    ...(state.unlabelled ? { unlabelled: state.unlabelled } : {}),
    backend: state.backend!,
    seed: state.seed!,
    seconds: state.seconds ?? 0,
  };
}
