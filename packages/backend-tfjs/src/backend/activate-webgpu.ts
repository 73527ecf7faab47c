import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import { registerTrainingKernels } from '@vidseg/tfjs-ops';
import { BACKEND_PACKAGES, WEBGPU_HOW_TO } from './backend-packages.js';
import type { ModuleLoader } from './module-loader.js';
import { DROPOUT_MASK, dropoutMaskKernel, type WebgpuUtil } from './webgpu/dropout-mask.js';
import { registerWebgpuGradients } from './webgpu/webgpu-gradients.js';
import { registerWebgpuKernels } from './webgpu/webgpu-kernels.js';

/** How Dawn is started and which adapter the tfjs WebGPU backend gets. */
export interface WebgpuSettings {
  /**
   * Flags of Dawn's `create()`, e.g. `backend=vulkan`, `enable-dawn-features=allow_unsafe_apis` or
   * `disable-dawn-features=timestamp_quantization` (finer kernel timings when profiling).
   */
  readonly dawnFlags: readonly string[];
  /**
   * Adapter feature level: `core` (default, what tfjs needs) or `compatibility` (OpenGL adapters
   * such as Mesa's software llvmpipe with `dawnFlags: ['backend=opengl']`: slow, for tests).
   */
  readonly featureLevel: 'core' | 'compatibility';
  /**
   * True keeps tfjs's own WebGPU training path (for comparison). False (default) tunes it: the
   * gradients and kernels that are slow there get GPU-friendly forms (`registerWebgpuGradients`,
   * `registerWebgpuKernels`), dropout masks are drawn on the GPU (`DROPOUT_MASK`), small ops whose
   * inputs are still in host memory run on the GPU too (tfjs's `WEBGPU_CPU_FORWARD` off, else
   * broadcasting the loss's seed gradient to a batch of label maps runs in JavaScript), and
   * command buffers are submitted every 64 dispatches instead of 15.
   */
  readonly stockTfjs: boolean;
}

/** Default {@link WebgpuSettings}: Dawn's own choice of backend (Vulkan on Linux), a core adapter, the tuned training path. */
export const DEFAULT_WEBGPU_SETTINGS: WebgpuSettings = { dawnFlags: [], featureLevel: 'core', stockTfjs: false };

/** The part of `navigator.gpu` (Dawn's `GPU` object) used here and by the tfjs backend. */
interface GpuLike {
  requestAdapter(options?: Record<string, unknown>): Promise<AdapterLike | null>;
}

interface AdapterLike {
  readonly info?: { readonly description?: string; readonly device?: string; readonly vendor?: string };
}

interface DawnModule {
  create(flags: string[]): GpuLike;
  readonly globals?: object;
}

/**
 * Activates tfjs's WebGPU backend in Node through Dawn (the `webgpu` package): installs Dawn's
 * WebGPU classes (`GPUBuffer`, `GPUBufferUsage`...) as globals and `navigator.gpu`, checks that an
 * adapter exists, and only then imports `@tensorflow/tfjs-backend-webgpu`, which registers its
 * backend only if `navigator.gpu` is there when it is first imported; then, unless
 * `settings.stockTfjs`, tunes tfjs for training there (see {@link WebgpuSettings.stockTfjs}). Returns the adapter's name.
 * Activating again in the same process reuses the registered backend.
 */
export async function activateWebgpu(loader: ModuleLoader, settings: WebgpuSettings = DEFAULT_WEBGPU_SETTINGS): Promise<string> {
  const missing = [BACKEND_PACKAGES.dawn, BACKEND_PACKAGES.webgpuBackend].filter((name) => !loader.isInstalled(name));
  if (missing.length > 0) throw unavailable(`${missing.join(' and ')} not installed`);
  let name = 'an adapter found earlier in this process';
  if (!tf.findBackendFactory('webgpu')) {
    const dawn = (await loader.load(BACKEND_PACKAGES.dawn)) as DawnModule;
    if (dawn.globals) Object.assign(globalThis, dawn.globals);
    const gpu = withAdapterOptions(dawn.create([...settings.dawnFlags]), settings);
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) throw unavailable(`Dawn found no GPU adapter (flags [${settings.dawnFlags.join(', ')}], feature level ${settings.featureLevel}; no Vulkan driver?)`);
    name = adapterName(adapter);
    installNavigatorGpu(gpu);
    const loaded = (await loader.load(BACKEND_PACKAGES.webgpuBackend)) as WebgpuModule & { default?: WebgpuModule };
    // Node's import of the CommonJS build may expose the exports only on `default`.
    webgpuUtil = loaded.webgpu_util ?? loaded.default?.webgpu_util;
    if (!tf.findBackendFactory('webgpu')) {
      throw unavailable(`${BACKEND_PACKAGES.webgpuBackend} registered no backend with this copy of @tensorflow/tfjs-core (it was imported before navigator.gpu existed, or is another version)`);
    }
  }
  if (!(await tf.setBackend('webgpu'))) throw unavailable('the tfjs WebGPU backend failed to initialise (see the error logged above)');
  await tf.ready();
  if (!settings.stockTfjs) await tuneForTraining();
  return name;
}

interface WebgpuModule {
  readonly webgpu_util?: WebgpuUtil;
}

/** The dispatch helpers of the loaded `@tensorflow/tfjs-backend-webgpu` (custom kernels need them). */
let webgpuUtil: WebgpuUtil | undefined;

/** The tuned training path of {@link WebgpuSettings.stockTfjs}. */
async function tuneForTraining(): Promise<void> {
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  // Fewer, larger command buffers: each queue.submit costs about 0.5 ms of host time on an H100.
  tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', 64);
  // The training gradients being wrapped must be registered first (after the wasm backend's import, as they require).
  await import('@tensorflow/tfjs-backend-wasm');
  await registerTrainingKernels();
  registerWebgpuGradients();
  registerWebgpuKernels();
  if (webgpuUtil && !tf.getKernel(DROPOUT_MASK, 'webgpu')) tf.registerKernel(dropoutMaskKernel(webgpuUtil));
}

/** `gpu` with `settings.featureLevel` added to every adapter request (tfjs requests its own adapter). */
function withAdapterOptions(gpu: GpuLike, settings: WebgpuSettings): GpuLike {
  if (settings.featureLevel === 'core') return gpu;
  return new Proxy(gpu, {
    get(target, key) {
      if (key === 'requestAdapter') return (options?: Record<string, unknown>) => target.requestAdapter({ ...options, featureLevel: settings.featureLevel });
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Defines `globalThis.navigator.gpu` (Node 21+ has a `navigator` without `gpu`; Node 20 has none). */
function installNavigatorGpu(gpu: GpuLike): void {
  const global = globalThis as { navigator?: object };
  if (!global.navigator) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
  Object.defineProperty(global.navigator!, 'gpu', { value: gpu, configurable: true, writable: true });
}

function adapterName(adapter: AdapterLike): string {
  const info = adapter.info;
  return info?.description || info?.device || info?.vendor || '(unnamed adapter)';
}

function unavailable(why: string): UsageError {
  return new UsageError(`backend "webgpu" is not available: ${why}`, { hint: WEBGPU_HOW_TO });
}
