import { pluginRegistry, type DependencyContainer } from '@vidseg/core';
import { OnnxFlowEstimator, onnxFlowOptionsSchema } from './flow/onnx-flow-estimator.js';
import { loadModelSourceSync } from './io/model-source.js';
import { registerRuntimes } from './runtime/register-runtimes.js';
import { OnnxTeacher, onnxTeacherOptionsSchema } from './teacher/onnx-teacher.js';

const PACKAGE = '@vidseg/backend-ort';

/**
 * Registers this package's plugins: the ONNX Runtime inference runtimes (`runtime: auto`,
 * `ort-web`, `ort-node`, `ort-webgpu`), the ONNX teacher (`teacher: onnx`) and the ONNX flow
 * estimator (`flow: onnx`).
 */
export function register(container: DependencyContainer): void {
  registerRuntimes(container);
  const registry = pluginRegistry(container);
  registry.add({
    kind: 'teacher',
    name: 'onnx',
    packageName: PACKAGE,
    description: 'a frozen ONNX segmentation model (a vidseg export, or any model with its preprocessing and classes) run on ONNX Runtime',
    options: onnxTeacherOptionsSchema,
    factory: (options, { baseDir }) => new OnnxTeacher(loadModelSourceSync(options.model, { baseDir }), options),
  });
  registry.add({
    kind: 'flow',
    name: 'onnx',
    packageName: PACKAGE,
    description: 'optical flow from a user-provided ONNX model (two image inputs, a 2-channel flow output) on ONNX Runtime',
    options: onnxFlowOptionsSchema,
    factory: (options, { baseDir }) => new OnnxFlowEstimator(loadModelSourceSync(options.model, { baseDir }), options),
  });
}
