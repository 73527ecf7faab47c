import { pluginRegistry, type DependencyContainer } from '@vidseg/core';
import { backendOptionsSchema, backendRequestIn, type BackendOptions } from './backend-request.js';
import type { BackendName } from './select-backend.js';

const DESCRIPTIONS: Readonly<Record<BackendName, string>> = {
  auto: 'Native TensorFlow (tfjs-node-gpu, then tfjs-node) when installed, else wasm; logs the choice and why.',
  wasm: 'TensorFlow.js WebAssembly backend (SIMD, 1 thread by default): the default CPU engine.',
  cpu: 'TensorFlow.js pure-JavaScript backend: slow, the reference for correctness checks.',
  webgpu: 'TensorFlow.js WebGPU backend in Node through Dawn (the `webgpu` package); needs a Vulkan-capable GPU.',
  tensorflow: 'Native TensorFlow through @tensorflow/tfjs-node-gpu or @tensorflow/tfjs-node (optional packages).',
};

/** The options each backend reads; it lists and accepts only those (the others keep their defaults). */
const OPTIONS_OF: Readonly<Record<BackendName, Partial<Record<keyof BackendOptions, true>>>> = {
  auto: { threads: true },
  wasm: { threads: true },
  cpu: {},
  webgpu: { dawnFlags: true, featureLevel: true, stockTfjs: true },
  tensorflow: {},
};

/** Registers the `backend` plugins `auto`, `wasm`, `cpu`, `webgpu` and `tensorflow`. */
export function registerBackends(container: DependencyContainer): void {
  const registry = pluginRegistry(container);
  for (const [name, description] of Object.entries(DESCRIPTIONS) as [BackendName, string][]) {
    registry.add({
      kind: 'backend',
      name,
      packageName: '@vidseg/backend-tfjs',
      description,
      options: backendOptionsSchema.pick(OPTIONS_OF[name]),
      factory: (options, child) => backendRequestIn(child, name, backendOptionsSchema.parse(options)),
    });
  }
}
