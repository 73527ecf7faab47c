import * as tf from '@tensorflow/tfjs-core';
import { tensorKernel } from './tensor-kernel.js';

/**
 * MaxPoolGrad for wasm, wrapping the shipped kernel (`shipped`), which routes the gradient of a
 * window whose values are all negative to its first position instead of its maximum (measured with
 * tfjs-backend-wasm 4.22.0; with a positive maximum it is right). The input and output are shifted
 * by 1 - min(input) first, which makes every value positive and keeps every window's maximum where
 * it was. Two values closer than the float32 spacing at the shifted magnitude become a tie; among
 * tied maxima the shipped kernel picks another position than the cpu kernel (both are valid
 * subgradients; after a ReLU the tied zeros get no gradient anyway).
 */
export function maxPoolGradWasm(shipped: tf.KernelConfig): tf.KernelConfig {
  const kernel = tensorKernel(tf.MaxPoolGrad, 'wasm', (inputs, attrs) => {
    const { dy, input, output } = inputs as Record<'dy' | 'input' | 'output', tf.Tensor4D>;
    const shift = tf.sub(1, tf.min(input));
    const shiftedInputs = { dy, input: tf.add(input, shift), output: tf.add(output, shift) };
    const result = shipped.kernelFunc({ inputs: shiftedInputs, backend: tf.backend(), attrs }) as tf.TensorInfo;
    return tf.engine().makeTensorFromTensorInfo(result);
  });
  // The shipped kernel binds its wasm function in its setup, which the backend runs for the
  // registered config when it initialises.
  return shipped.setupFunc ? { ...kernel, setupFunc: shipped.setupFunc } : kernel;
}
