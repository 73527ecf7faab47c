import { pluginRegistry, type DependencyContainer } from '@vidseg/core';
import { AutoRuntime } from './runtime/auto-runtime.js';
import { OrtNodeRuntime } from './runtime/ort-node-runtime.js';
import { OrtWebGpuRuntime } from './runtime/ort-webgpu-runtime.js';
import { OrtWebRuntime } from './runtime/ort-web-runtime.js';
import { ortRuntimeOptionsSchema } from './runtime/runtime-options.js';

const PACKAGE = '@vidseg/backend-ort';

/** Registers this package's plugins: the ONNX Runtime inference runtimes. */
export function register(container: DependencyContainer): void {
  const registry = pluginRegistry(container);
  const runtime = (name: string, description: string, implementation: new (...args: never[]) => unknown) =>
    registry.add({ kind: 'runtime', name, packageName: PACKAGE, description, options: ortRuntimeOptionsSchema, implementation });
  runtime('auto', 'onnxruntime-node when installed (Node), else onnxruntime-web', AutoRuntime);
  runtime('ort-web', 'onnxruntime-web on WebAssembly (CPU), in Node and browsers', OrtWebRuntime);
  runtime('ort-node', 'onnxruntime-node (native CPU), an optional dependency', OrtNodeRuntime);
  runtime('ort-webgpu', 'onnxruntime-web on WebGPU, in browsers with WebGPU', OrtWebGpuRuntime);
}
