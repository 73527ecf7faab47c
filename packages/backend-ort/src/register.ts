import { TOKENS, pluginRegistry, type DependencyContainer, type Constructor, type InferenceRuntime, type RunContext } from '@vidseg/core';
import { OnnxFlowEstimator, onnxFlowOptionsSchema } from './flow/onnx-flow-estimator.js';
import { loadModelSourceSync } from './io/model-source.js';
import { AutoRuntime } from './runtime/auto-runtime.js';
import { OrtNodeRuntime } from './runtime/ort-node-runtime.js';
import { OrtWebGpuRuntime } from './runtime/ort-webgpu-runtime.js';
import { OrtWebRuntime } from './runtime/ort-web-runtime.js';
import { ortRuntimeOptionsSchema } from './runtime/runtime-options.js';
import { OnnxTeacher, onnxTeacherOptionsSchema } from './teacher/onnx-teacher.js';

const PACKAGE = '@vidseg/backend-ort';

/** The folder config-relative model paths resolve against, when the run has one. */
function baseDirOf(container: DependencyContainer): { baseDir?: string } {
  if (!container.isRegistered(TOKENS.runContext, true)) return {};
  const baseDir = container.resolve<RunContext>(TOKENS.runContext).baseDir;
  return baseDir === undefined ? {} : { baseDir };
}

/**
 * Registers this package's plugins: the ONNX Runtime inference runtimes (`runtime: auto`,
 * `ort-web`, `ort-node`, `ort-webgpu`), the ONNX teacher (`teacher: onnx`) and the ONNX flow
 * estimator (`flow: onnx`).
 */
export function register(container: DependencyContainer): void {
  const registry = pluginRegistry(container);
  const runtime = (name: string, description: string, implementation: Constructor<InferenceRuntime>) =>
    registry.add({ kind: 'runtime', name, packageName: PACKAGE, description, options: ortRuntimeOptionsSchema, implementation });
  runtime('auto', 'onnxruntime-node when installed (Node), else onnxruntime-web', AutoRuntime);
  runtime('ort-web', 'onnxruntime-web on WebAssembly (CPU), in Node and browsers', OrtWebRuntime);
  runtime('ort-node', 'onnxruntime-node (native CPU), an optional dependency', OrtNodeRuntime);
  runtime('ort-webgpu', 'onnxruntime-web on WebGPU, in browsers with WebGPU', OrtWebGpuRuntime);
  registry.add({
    kind: 'teacher',
    name: 'onnx',
    packageName: PACKAGE,
    description: 'a frozen ONNX segmentation model (a vidseg export, or any model with its preprocessing and classes) run on ONNX Runtime',
    options: onnxTeacherOptionsSchema,
    factory: (options, child) => new OnnxTeacher(loadModelSourceSync(options.model, baseDirOf(child)), options),
  });
  registry.add({
    kind: 'flow',
    name: 'onnx',
    packageName: PACKAGE,
    description: 'optical flow from a user-provided ONNX model (two image inputs, a 2-channel flow output) on ONNX Runtime',
    options: onnxFlowOptionsSchema,
    factory: (options, child) => new OnnxFlowEstimator(loadModelSourceSync(options.model, baseDirOf(child)), options),
  });
}
