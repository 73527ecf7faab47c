import * as tf from '@tensorflow/tfjs-core';

/**
 * A wasm kernel replacing `shipped` for numeric tensors: `run` computes it, while string tensors
 * (input `x`) still go to the shipped kernel, whose setup is kept.
 */
export function replaceForNumbers(shipped: tf.KernelConfig, run: (args: Parameters<tf.KernelFunc>[0], x: tf.TensorInfo) => tf.TensorInfo | tf.TensorInfo[]): tf.KernelConfig {
  return {
    kernelName: shipped.kernelName,
    backendName: 'wasm',
    ...(shipped.setupFunc ? { setupFunc: shipped.setupFunc } : {}),
    kernelFunc: (args) => {
      const x = args.inputs['x'] as tf.TensorInfo;
      return x.dtype === 'string' ? shipped.kernelFunc(args) : run(args, x);
    },
  };
}
