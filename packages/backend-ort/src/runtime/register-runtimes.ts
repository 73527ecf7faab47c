import { createContainer, pluginRegistry, type Constructor, type DependencyContainer, type InferenceRuntime } from '@vidseg/core';
import { AutoRuntime } from './auto-runtime.js';
import { OrtNodeRuntime } from './ort-node-runtime.js';
import { OrtWebGpuRuntime } from './ort-webgpu-runtime.js';
import { OrtWebRuntime } from './ort-web-runtime.js';
import { ortRuntimeOptionsSchema } from './runtime-options.js';

/** The runtimes this package registers, by name (config `runtime:` values). */
export const RUNTIME_NAMES = ['auto', 'ort-node', 'ort-web', 'ort-webgpu'] as const;

const RUNTIMES: Readonly<Record<Exclude<(typeof RUNTIME_NAMES)[number], 'auto'>, { description: string; implementation: Constructor<InferenceRuntime>; priority?: number }>> = {
  'ort-node': { description: 'onnxruntime-node (native CPU), an optional dependency', implementation: OrtNodeRuntime, priority: 2 },
  'ort-web': { description: 'onnxruntime-web on WebAssembly (CPU), in Node and browsers', implementation: OrtWebRuntime, priority: 1 },
  'ort-webgpu': { description: 'onnxruntime-web on WebGPU, in browsers with WebGPU', implementation: OrtWebGpuRuntime },
};

/**
 * Registers the `runtime` plugins: `ort-node`, `ort-web`, `ort-webgpu` and `auto`, which takes the
 * first usable of the registered runtimes with a priority, highest first.
 */
export function registerRuntimes(container: DependencyContainer): void {
  const registry = pluginRegistry(container);
  for (const [name, { description, implementation, priority }] of Object.entries(RUNTIMES)) {
    registry.add({ kind: 'runtime', name, packageName: '@vidseg/backend-ort', description, options: ortRuntimeOptionsSchema, implementation, ...(priority === undefined ? {} : { priority }) });
  }
  registry.add({
    kind: 'runtime',
    name: 'auto',
    packageName: '@vidseg/backend-ort',
    description: 'onnxruntime-node when installed (Node), else onnxruntime-web',
    options: ortRuntimeOptionsSchema,
    factory: (options, context) => new AutoRuntime(context.registry.byPriority('runtime').map((name) => context.create('runtime', { type: name, ...options }, { path: 'runtime' }))),
  });
}

let builtIn: DependencyContainer | undefined;

/** A container with this package's runtimes only: where runtimes named outside a run are built. */
export function builtInRuntimes(): DependencyContainer {
  if (!builtIn) {
    builtIn = createContainer();
    registerRuntimes(builtIn);
  }
  return builtIn;
}
