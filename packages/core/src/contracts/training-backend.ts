import type { NamedTensors } from '../safetensors/host-tensor.js';
import type { ModelHandle } from './model-handle.js';
import type { NetworkOutputs } from './network-outputs.js';

/** Train mode uses batch statistics and updates running averages; eval mode uses the averages. */
export type NetworkMode = 'train' | 'eval';

/**
 * A network instantiated on a training engine: parameters live as engine tensors.
 *
 * @typeParam T - the engine's tensor type.
 */
export interface TrainableNetwork<T> {
  readonly model: ModelHandle;
  /** Runs the network on a batch of preprocessed inputs. */
  forward(input: T, mode: NetworkMode): NetworkOutputs<T>;
  /** Learnable parameters by name (PyTorch naming). */
  readonly parameters: ReadonlyMap<string, T>;
  /** Every tensor of the network (parameters and running statistics) copied to host memory. */
  snapshot(): Promise<NamedTensors>;
  /** Replaces tensors by name; throws on unknown names or mismatched shapes. */
  load(tensors: NamedTensors): void;
  dispose(): void;
}

/**
 * A training engine (TensorFlow.js on wasm, cpu, WebGPU or native TensorFlow).
 *
 * @typeParam T - the engine's tensor type.
 */
export interface TrainingBackend<T> {
  /** The engine actually in use, e.g. `wasm`. */
  readonly name: string;
  /** Why it was chosen (logged at start-up). */
  readonly reason: string;
  /** Instantiates a network, with `weights` or a fresh initialisation drawn from `seed`. */
  createNetwork(model: ModelHandle, options: { weights?: NamedTensors; seed: number }): TrainableNetwork<T>;
  /** Number of engine tensors alive now (for leak checks). */
  liveTensors(): number;
}

/** What a `backend` plugin builds: the engine asked for, started only when a run needs it. */
export interface TrainingBackendRequest<T = unknown> {
  /** The name the config asked for, e.g. `auto`. */
  readonly requested: string;
  /** Starts (or finds) the engine; a missing or failing engine is a usage error saying how to get it. */
  activate(): Promise<TrainingBackend<T>>;
}
