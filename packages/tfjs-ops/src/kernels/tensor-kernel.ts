import * as tf from '@tensorflow/tfjs-core';

/** Computes a kernel's output from its inputs (as tensors) and attributes with ordinary tfjs ops. */
export type TensorKernelCompute = (inputs: Readonly<Record<string, tf.Tensor>>, attrs: tf.NamedAttrMap) => tf.Tensor;

/**
 * A kernel for `backendName` implemented with tfjs ops rather than backend internals. The engine
 * runs kernels with the tape off, so the ops inside are not recorded; their intermediates are
 * disposed here and only the output tensor is handed back (tfjs accepts a Tensor as kernel output).
 */
export function tensorKernel(kernelName: string, backendName: string, compute: TensorKernelCompute): tf.KernelConfig {
  return {
    kernelName,
    backendName,
    kernelFunc: ({ inputs, attrs }) =>
      tf.tidy(() => {
        const tensors: Record<string, tf.Tensor> = {};
        for (const [name, info] of Object.entries(inputs)) {
          if (info) tensors[name] = info instanceof tf.Tensor ? info : borrow(info);
        }
        return compute(tensors, attrs ?? {});
      }),
  };
}

/** A tensor over data another owner holds (ops hand kernels tensors; other kernels may hand raw infos). */
function borrow(info: tf.TensorInfo): tf.Tensor {
  tf.backend().incRef(info.dataId);
  return tf.engine().makeTensorFromTensorInfo(info);
}
