import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import { BACKEND_PACKAGES, TENSORFLOW_HOW_TO, WEBGPU_HOW_TO } from './backend-packages.js';
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
}

/** Settings of the activation. */
export interface SelectionOptions {
  readonly loader: ModuleLoader;
  /** Threads of the wasm backend (1 is fastest on small machines; Node builds have no threads). */
  readonly wasmThreads: number;
}

/**
 * Activates the requested tfjs backend. `auto` takes native TensorFlow when installed (the GPU
 * package first; its choice says whether it sees a GPU), else wasm. An explicit request for an
 * engine that is not installed, or that fails to start, is a {@link UsageError} saying how to get it.
 */
export async function selectBackend(request: BackendName, options: SelectionOptions): Promise<BackendSelection> {
  switch (request) {
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      await activate('cpu');
      return { engine: 'cpu', reason: 'cpu: requested (the pure-JavaScript reference backend, slow)' };
    case 'wasm':
      await activateWasm(options);
      return { engine: 'wasm', reason: `wasm: requested (${options.wasmThreads} thread${options.wasmThreads === 1 ? '' : 's'})` };
    case 'tensorflow': {
      const native = await activateTensorflow(options.loader);
      if ('failure' in native) throw new UsageError(`backend "tensorflow" is not available: ${native.failure}`, { hint: TENSORFLOW_HOW_TO });
      return native;
    }
    case 'webgpu':
      return activateWebgpu(options.loader);
    case 'auto': {
      const native = await activateTensorflow(options.loader);
      if (!('failure' in native)) return native;
      await activateWasm(options);
      return { engine: 'wasm', reason: `wasm (auto): ${native.failure}` };
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
    return { engine: 'tensorflow', reason: `tensorflow: native TensorFlow through ${name}, ${device}` };
  }
  return { failure: failures.join('; ') };
}

/** WebGPU through Dawn (`webgpu` package): installs `navigator.gpu` before the tfjs backend is imported. */
async function activateWebgpu(loader: ModuleLoader): Promise<BackendSelection> {
  const missing = [BACKEND_PACKAGES.dawn, BACKEND_PACKAGES.webgpuBackend].filter((name) => !loader.isInstalled(name));
  if (missing.length > 0) throw new UsageError(`backend "webgpu" is not available: ${missing.join(' and ')} not installed`, { hint: WEBGPU_HOW_TO });
  const dawn = (await loader.load(BACKEND_PACKAGES.dawn)) as { create(flags: string[]): GpuLike; globals?: object };
  if (dawn.globals) Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create([]);
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new UsageError('backend "webgpu" is not available: Dawn found no GPU adapter (no Vulkan driver?)', { hint: WEBGPU_HOW_TO });
  const global = globalThis as { navigator?: { gpu?: GpuLike } };
  if (!global.navigator) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
  Object.defineProperty(global.navigator!, 'gpu', { value: gpu, configurable: true });
  await loader.load(BACKEND_PACKAGES.webgpuBackend);
  if (!tf.findBackendFactory('webgpu')) {
    throw new UsageError('backend "webgpu": @tensorflow/tfjs-backend-webgpu registered no backend with this copy of @tensorflow/tfjs-core', { hint: WEBGPU_HOW_TO });
  }
  await activate('webgpu');
  const name = (adapter as { info?: { description?: string; device?: string } }).info;
  return { engine: 'webgpu', reason: `webgpu: requested; Dawn adapter ${name?.description || name?.device || '(unnamed)'}` };
}

interface GpuLike {
  requestAdapter(): Promise<object | null>;
}
