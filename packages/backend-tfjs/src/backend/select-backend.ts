import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import { activateWebgpu, DEFAULT_WEBGPU_SETTINGS, type WebgpuSettings } from './activate-webgpu.js';
import { BACKEND_PACKAGES, TENSORFLOW_HOW_TO } from './backend-packages.js';
import type { ModuleLoader } from './module-loader.js';

/** The backends a config may name. */
export const BACKEND_NAMES = ['auto', 'wasm', 'cpu', 'webgpu', 'tensorflow'] as const;

/** One of {@link BACKEND_NAMES}. */
export type BackendName = (typeof BACKEND_NAMES)[number];

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
}

/**
 * Activates the requested tfjs backend. `auto` takes native TensorFlow when installed (the GPU
 * package first; its choice says whether it sees a GPU), else wasm. An explicit request for an
 * engine that is not installed, or that fails to start, is a {@link UsageError} saying how to get it.
 */
export async function selectBackend(request: BackendName, options: SelectionOptions): Promise<BackendSelection> {
  // Production mode only mutes tfjs's console notices (the "running TensorFlow.js in Node.js"
  // banner of the cpu backend, flag overrides): the selection's reason line says what runs.
  tf.enableProdMode();
  switch (request) {
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      await activate('cpu');
      return { engine: 'cpu', reason: 'cpu: requested (the pure-JavaScript reference backend, slow)', synchronousReads: true };
    case 'wasm':
      await activateWasm(options);
      return { engine: 'wasm', reason: `wasm: requested (${options.wasmThreads} thread${options.wasmThreads === 1 ? '' : 's'})`, synchronousReads: true };
    case 'tensorflow': {
      const native = await activateTensorflow(options.loader);
      if ('failure' in native) throw new UsageError(`backend "tensorflow" is not available: ${native.failure}`, { hint: TENSORFLOW_HOW_TO });
      return native;
    }
    case 'webgpu': {
      const adapter = await activateWebgpu(options.loader, options.webgpu ?? DEFAULT_WEBGPU_SETTINGS);
      return { engine: 'webgpu', reason: `webgpu: requested; Dawn adapter ${adapter}; asynchronous reads only`, synchronousReads: false };
    }
    case 'auto': {
      const native = await activateTensorflow(options.loader);
      if (!('failure' in native)) return native;
      await activateWasm(options);
      return { engine: 'wasm', reason: `wasm (auto): ${native.failure}`, synchronousReads: true };
    }
  }
}

async function activate(engine: string): Promise<void> {
  if (!(await tf.setBackend(engine))) throw new UsageError(`the tfjs backend "${engine}" failed to initialise`);
  await tf.ready();
}

async function activateWasm(options: SelectionOptions): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (tf.getBackend() !== 'wasm') wasm.setThreadsCount(options.wasmThreads);
  await activate('wasm');
}

/** Native TensorFlow through tfjs-node-gpu or tfjs-node, or why it cannot be used. */
async function activateTensorflow(loader: ModuleLoader): Promise<BackendSelection | { failure: string }> {
  const candidates = [BACKEND_PACKAGES.tensorflowGpu, BACKEND_PACKAGES.tensorflowCpu].filter((name) => loader.isInstalled(name));
  if (candidates.length === 0) return { failure: `neither ${BACKEND_PACKAGES.tensorflowGpu} nor ${BACKEND_PACKAGES.tensorflowCpu} is installed` };
  const failures: string[] = [];
  for (const name of candidates) {
    try {
      await loader.load(name);
    } catch (error) {
      failures.push(`${name} is installed but failed to load (${(error as Error).message})`);
      continue;
    }
    if (!tf.findBackendFactory('tensorflow')) {
      failures.push(`${name} loaded but registered its backend with another copy of @tensorflow/tfjs-core (install the same version, 4.22.0)`);
      continue;
    }
    await activate('tensorflow');
    const gpu = (tf.backend() as { isUsingGpuDevice?: boolean }).isUsingGpuDevice === true;
    const device = gpu ? 'on a GPU' : name === BACKEND_PACKAGES.tensorflowGpu ? 'on the CPU: tfjs-node-gpu sees no GPU' : 'on the CPU';
    return { engine: 'tensorflow', reason: `tensorflow: native TensorFlow through ${name}, ${device}`, synchronousReads: true };
  }
  return { failure: failures.join('; ') };
}
