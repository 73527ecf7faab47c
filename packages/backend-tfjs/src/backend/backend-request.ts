import { UsageError, type PluginContext, type ProgressReporter, type TrainingBackendRequest } from '@vidseg/core';
import type * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { nodeModuleLoader, type ModuleLoader } from './module-loader.js';
import { selectBackend, type BackendName } from './select-backend.js';
import { isTfjsEngine, type TfjsEngineName } from './tfjs-engines.js';
import { TfjsTrainingBackend } from './tfjs-training-backend.js';

/** Injection token of the {@link ModuleLoader} used to find optional backends (tests replace it). */
export const MODULE_LOADER_TOKEN = 'vidseg:backend-tfjs:module-loader';

/** Options of every `backend` plugin of this package. */
export const backendOptionsSchema = z.object({
  threads: z.number().int().min(1).default(1).describe('threads of the wasm backend (1 is fastest on small machines)'),
  dawnFlags: z
    .array(z.string())
    .default([])
    .describe("webgpu only: flags of Dawn's create(), e.g. 'backend=vulkan' or 'disable-dawn-features=timestamp_quantization'"),
  featureLevel: z
    .enum(['core', 'compatibility'])
    .default('core')
    .describe("webgpu only: adapter feature level; 'compatibility' with dawnFlags ['backend=opengl'] runs on Mesa's software OpenGL (tests)"),
  stockTfjs: z
    .boolean()
    .default(false)
    .describe("webgpu only: keep tfjs's own WebGPU training path (several times slower; for comparison) instead of the tuned one"),
});

/** Validated {@link backendOptionsSchema}. */
export type BackendOptions = z.output<typeof backendOptionsSchema>;

/**
 * What a `backend` plugin builds: a request for one tfjs backend, activated when training starts
 * (activation is asynchronous and changes the process-wide tfjs state, so building the plugin does
 * not do it).
 */
export class TfjsBackendRequest implements TrainingBackendRequest<tf.Tensor> {
  constructor(
    readonly requested: BackendName,
    private readonly options: BackendOptions,
    private readonly progress: ProgressReporter,
    private readonly loader: ModuleLoader,
    private readonly autoCandidates?: readonly TfjsEngineName[],
  ) {}

  /** Activates the backend, logs the choice and its reason, and returns the training engine. */
  async activate(): Promise<TfjsTrainingBackend> {
    const selection = await selectBackend(this.requested, {
      loader: this.loader,
      wasmThreads: this.options.threads,
      webgpu: { dawnFlags: this.options.dawnFlags, featureLevel: this.options.featureLevel, stockTfjs: this.options.stockTfjs },
      ...(this.autoCandidates ? { autoCandidates: this.autoCandidates } : {}),
    });
    this.progress.log(`training backend: ${selection.reason}`);
    return new TfjsTrainingBackend(selection);
  }
}

/**
 * The request the `backend` plugin `name` builds: the run's progress, the module loader from
 * {@link MODULE_LOADER_TOKEN} when registered (tests), and for `auto` the registered tfjs engines by priority.
 */
export function backendRequest(name: BackendName, options: BackendOptions, context: PluginContext): TfjsBackendRequest {
  const { container } = context;
  const loader = container.isRegistered(MODULE_LOADER_TOKEN, true) ? container.resolve<ModuleLoader>(MODULE_LOADER_TOKEN) : nodeModuleLoader;
  const candidates = name === 'auto' ? context.registry.byPriority('backend').filter(isTfjsEngine) : undefined;
  return new TfjsBackendRequest(name, options, context.progress, loader, candidates);
}

/** `request` (what the `backend` plugin `name` built) as a tfjs backend request; another engine's is a usage error. */
export function tfjsBackendRequest(request: TrainingBackendRequest, name: string): TfjsBackendRequest {
  if (request instanceof TfjsBackendRequest) return request;
  throw new UsageError(`backend "${name}" is not a TensorFlow.js backend: this training engine runs only those of @vidseg/backend-tfjs`, {
    hint: 'set backend.type to auto, wasm, cpu, webgpu or tensorflow',
  });
}
