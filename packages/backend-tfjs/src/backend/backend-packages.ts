/** The optional packages each engine needs, and how to get them (for error messages and the README). */
export const BACKEND_PACKAGES = {
  tensorflowGpu: '@tensorflow/tfjs-node-gpu',
  tensorflowCpu: '@tensorflow/tfjs-node',
  dawn: 'webgpu',
  webgpuBackend: '@tensorflow/tfjs-backend-webgpu',
} as const;

/** What to do when native TensorFlow is missing. */
export const TENSORFLOW_HOW_TO =
  'install @tensorflow/tfjs-node@4.22.0 (CPU) or @tensorflow/tfjs-node-gpu@4.22.0 (NVIDIA GPU, CUDA 11.2 and cuDNN 8.1) ' +
  'beside @vidseg/backend-tfjs; their install script downloads libtensorflow, so it needs internet access. ' +
  'Or choose backend "wasm" (no extra package)';

/** What to do when WebGPU is missing. */
export const WEBGPU_HOW_TO =
  'install webgpu@0.6.2 (Dawn for Node) and @tensorflow/tfjs-backend-webgpu@4.22.0 beside @vidseg/backend-tfjs, on a machine ' +
  'whose GPU driver exposes Vulkan (see the backend-tfjs README, "GPU"). Or choose backend "wasm"';
