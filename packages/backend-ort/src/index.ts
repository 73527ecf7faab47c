// The inference engine: ONNX export, runtimes (ORT web/webgpu/node), the per-frame segmenter and the
// ONNX teacher and flow plugins. Only re-exports, by name.
export { VIDSEG_VERSION } from './version.js';
export { readOnnxModel, type OnnxTensorInfo, type OnnxModelInfo } from './onnx/read-onnx-model.js';
export { exportOptionsSchema, type ExportOptions, type ResolvedExportOptions } from './export/export-options.js';
export { parseVidsegMetadata, type InputFormat, type ExportedInput, type VidsegModelMetadata, METADATA_KEYS } from './export/model-metadata.js';
export { exportOnnx, EXPORT_OPSET } from './export/export-onnx.js';
export { ortRuntimeOptionsSchema, type OrtRuntimeOptions } from './runtime/runtime-options.js';
export { loadOrtWeb, OrtWebRuntime } from './runtime/ort-web-runtime.js';
export { OrtWebGpuRuntime } from './runtime/ort-webgpu-runtime.js';
export { OrtNodeRuntime } from './runtime/ort-node-runtime.js';
export { AutoRuntime } from './runtime/auto-runtime.js';
export { RUNTIME_NAMES } from './runtime/register-runtimes.js';
export { resolveRuntime, type RuntimeChoice } from './runtime/resolve-runtime.js';
export { loadModelSource, type ModelSource, type LoadedModel } from './io/model-source.js';
export { createSegmenter, type SegmenterOptions, type SegmentationResult, Segmenter } from './segmenter/segmenter.js';
export { segmentationSize, segmentAtModelSize, type FrameSizing, type ModelSizeFacts, type FittedSegmentation } from './segmenter/segment-at-model-size.js';
export { onnxTeacherOptionsSchema, type OnnxTeacherOptions, OnnxTeacher } from './teacher/onnx-teacher.js';
export { onnxFlowOptionsSchema, type OnnxFlowOptions, OnnxFlowEstimator } from './flow/onnx-flow-estimator.js';
export { register } from './register.js';
