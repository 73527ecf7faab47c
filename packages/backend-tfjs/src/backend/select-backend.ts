import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import type { WebgpuSettings } from './activate-webgpu.js';
import type { ModuleLoader } from './module-loader.js';
import { TFJS_ENGINES, type TfjsEngine, type TfjsEngineName } from './tfjs-engines.js';

/** A backend a config may name: `auto` or one of {@link TFJS_ENGINES}. */
export type BackendName = 'auto' | TfjsEngineName;

/** The backends a config may name. */
export const BACKEND_NAMES: readonly BackendName[] = ['auto', ...(Object.keys(TFJS_ENGINES) as TfjsEngineName[])];

/** The tfjs backend now active and why it was chosen. */
export interface BackendSelection {
  /** The tfjs backend name (`tensorflow`, `wasm`, `cpu`, `webgpu`). */
  readonly engine: string;
  /** One line for the log, e.g. `wasm: neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node is installed`. */
  readonly reason: string;
  /**
   * Whether tensors can be read synchronously (`dataSync`). False on WebGPU in Node, where only
   * `await tensor.data()` works: code on the training path must then read asynchronously.
   */
  readonly synchronousReads: boolean;
}

/** Settings of the activation. */
export interface SelectionOptions {
  /** Loads the optional engine packages (injected in tests to simulate them absent or present). */
  readonly loader: ModuleLoader;
  /** Threads of the wasm backend (1 is fastest on small machines; Node builds have no threads). */
  readonly wasmThreads: number;
  /** How Dawn starts for `webgpu` (default {@link DEFAULT_WEBGPU_SETTINGS}). */
  readonly webgpu?: WebgpuSettings;
  /** The engines `auto` tries, in order (default: those of {@link TFJS_ENGINES} with a priority, highest first). */
  readonly autoCandidates?: readonly TfjsEngineName[];
}

/**
 * Activates the requested tfjs backend. `auto` tries the engines with a priority, highest first
 * (native TensorFlow when installed, the GPU package first, whose choice says whether it sees a GPU;
 * else wasm), and its reason line says why the ones before failed. An explicit request for an
 * engine that is not installed, or that fails to start, is a {@link UsageError} saying how to get it.
 */
export async function selectBackend(request: BackendName, options: SelectionOptions): Promise<BackendSelection> {
  // Production mode only mutes tfjs's console notices (the "running TensorFlow.js in Node.js"
  // banner of the cpu backend, flag overrides): the selection's reason line says what runs.
  tf.enableProdMode();
  if (request !== 'auto') {
    const engine: TfjsEngine = TFJS_ENGINES[request];
    const selection = await engine.activate(options);
    if ('failure' in selection) throw new UsageError(`backend "${request}" is not available: ${selection.failure}`, engine.howTo ? { hint: engine.howTo } : {});
    return selection;
  }
  const failures: string[] = [];
  for (const name of options.autoCandidates ?? enginesByPriority()) {
    const selection = await TFJS_ENGINES[name].activate(options);
    if (!('failure' in selection)) return failures.length === 0 ? selection : { ...selection, reason: `${selection.engine} (auto): ${failures.join('; ')}` };
    failures.push(selection.failure);
  }
  throw new UsageError(`backend "auto" found no usable engine: ${failures.join('; ')}`, { hint: 'set backend.type to wasm' });
}

/** The engines `auto` tries when no registry says otherwise, highest priority first. */
function enginesByPriority(): TfjsEngineName[] {
  const ranked = (Object.entries(TFJS_ENGINES) as [TfjsEngineName, TfjsEngine][]).filter(([, engine]) => engine.priority !== undefined);
  return ranked.sort(([, a], [, b]) => b.priority! - a.priority!).map(([name]) => name);
}
