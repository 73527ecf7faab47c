import * as tf from '@tensorflow/tfjs-core';

/** What a kernel function is called with. */
export type KernelArgs = Parameters<tf.KernelFunc>[0];

/**
 * A wasm kernel replacing `shipped`: `run` computes it, and where `run` returns null (inputs it
 * does not take) `fallback` does, by default the shipped kernel. The shipped kernel's setup is kept:
 * it binds its wasm function when the backend initialises the registered config.
 */
export function overrideShipped(
  shipped: tf.KernelConfig,
  run: (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[] | null,
  fallback: tf.KernelFunc = shipped.kernelFunc,
): tf.KernelConfig {
  return {
    kernelName: shipped.kernelName,
    backendName: 'wasm',
    ...(shipped.setupFunc ? { setupFunc: shipped.setupFunc } : {}),
    kernelFunc: (args) => run(args) ?? fallback(args),
  };
}

/** {@link overrideShipped} for numeric tensors: string tensors (input `x`) still go to the shipped kernel. */
export function replaceForNumbers(shipped: tf.KernelConfig, run: (args: KernelArgs, x: tf.TensorInfo) => tf.TensorInfo | tf.TensorInfo[]): tf.KernelConfig {
  return overrideShipped(shipped, (args) => {
    const x = args.inputs['x'] as tf.TensorInfo;
    return x.dtype === 'string' ? null : run(args, x);
  });
}
