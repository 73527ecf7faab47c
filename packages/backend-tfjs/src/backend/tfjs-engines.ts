import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import { activateWebgpu, DEFAULT_WEBGPU_SETTINGS } from './activate-webgpu.js';
import type { BackendOptions } from './backend-request.js';
import { BACKEND_PACKAGES, TENSORFLOW_HOW_TO } from './backend-packages.js';
import type { ModuleLoader } from './module-loader.js';
import type { BackendSelection, SelectionOptions } from './select-backend.js';

/** One tfjs backend a config may name (the `backend` plugin of the same name). */
export interface TfjsEngine {
  readonly description: string;
  /** The options it reads; it lists and accepts only those (the others keep their defaults). */
  readonly options: Partial<Record<keyof BackendOptions, true>>;
  /** Rank for `auto` (higher first); absent: used only when named. */
  readonly priority?: number;
  /** What to do when a named request finds it missing. */
  readonly howTo?: string;
  /** Activates it, or says why it cannot run here (`auto` then tries the next). */
  activate(options: SelectionOptions): Promise<BackendSelection | { failure: string }>;
}

/** The tfjs backends by name; `auto` tries those with a priority, highest first. */
export const TFJS_ENGINES = {
  tensorflow: {
    description: 'Native TensorFlow through @tensorflow/tfjs-node-gpu or @tensorflow/tfjs-node (optional packages).',
    options: {},
    priority: 2,
    howTo: TENSORFLOW_HOW_TO,
    activate: (options) => activateTensorflow(options.loader),
  },
  wasm: {
    description: 'TensorFlow.js WebAssembly backend (SIMD, 1 thread by default): the default CPU engine.',
    options: { threads: true },
    priority: 1,
    activate: async (options) => {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (tf.getBackend() !== 'wasm') wasm.setThreadsCount(options.wasmThreads);
      await activate('wasm');
      return { engine: 'wasm', reason: `wasm: requested (${options.wasmThreads} thread${options.wasmThreads === 1 ? '' : 's'})`, synchronousReads: true };
    },
  },
  cpu: {
    description: 'TensorFlow.js pure-JavaScript backend: slow, the reference for correctness checks.',
    options: {},
    activate: async () => {
      await import('@tensorflow/tfjs-backend-cpu');
      await activate('cpu');
      return { engine: 'cpu', reason: 'cpu: requested (the pure-JavaScript reference backend, slow)', synchronousReads: true };
    },
  },
  webgpu: {
    description: 'TensorFlow.js WebGPU backend in Node through Dawn (the `webgpu` package); needs a Vulkan-capable GPU.',
    options: { dawnFlags: true, featureLevel: true, stockTfjs: true },
    activate: async (options) => {
      const adapter = await activateWebgpu(options.loader, options.webgpu ?? DEFAULT_WEBGPU_SETTINGS);
      return { engine: 'webgpu', reason: `webgpu: requested; Dawn adapter ${adapter}; asynchronous reads only`, synchronousReads: false };
    },
  },
} as const satisfies Readonly<Record<string, TfjsEngine>>;

/** A name of {@link TFJS_ENGINES}. */
export type TfjsEngineName = keyof typeof TFJS_ENGINES;

/** Whether `name` is one of {@link TFJS_ENGINES}. */
export const isTfjsEngine = (name: string): name is TfjsEngineName => Object.hasOwn(TFJS_ENGINES, name);

async function activate(engine: string): Promise<void> {
  if (!(await tf.setBackend(engine))) throw new UsageError(`the tfjs backend "${engine}" failed to initialise`);
  await tf.ready();
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
