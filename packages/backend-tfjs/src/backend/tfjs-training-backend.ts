import * as tf from '@tensorflow/tfjs-core';
import type { ModelHandle, NamedTensors, TrainingBackend } from '@vidseg/core';
import { initializeParameters, type Graph } from '@vidseg/models';
import { TfjsNetwork } from '../network/tfjs-network.js';
import type { BackendSelection } from './select-backend.js';

/** The training engine on the active tfjs backend. */
export class TfjsTrainingBackend implements TrainingBackend<tf.Tensor> {
  /** The tfjs backend in use (`tensorflow`, `wasm`, `cpu`, `webgpu`). */
  readonly name: string;
  /** Why it was chosen, as logged at the start of a run. */
  readonly reason: string;
  /** Whether tensors can be read synchronously; false on WebGPU, where the training path reads only with `await data()`. */
  readonly synchronousReads: boolean;

  constructor(selection: BackendSelection) {
    this.name = selection.engine;
    this.reason = selection.reason;
    this.synchronousReads = selection.synchronousReads;
  }

  /**
   * A network with `weights` (PyTorch layout, every parameter) or a fresh initialisation from `seed`;
   * `frozenNormalization`: see {@link TfjsNetwork}.
   */
  createNetwork(model: ModelHandle, options: { weights?: NamedTensors; seed: number; trainable?: boolean; frozenNormalization?: boolean }): TfjsNetwork {
    const handle = model as ModelHandle<Graph>;
    const weights = options.weights ?? initializeParameters(handle.graph, options.seed);
    return new TfjsNetwork(handle, weights, { seed: options.seed, trainable: options.trainable ?? true, frozenNormalization: options.frozenNormalization ?? false });
  }

  /** Tensors alive in the tfjs engine now (the leak check of the training loop logs it per step). */
  liveTensors(): number {
    return tf.memory().numTensors;
  }
}
