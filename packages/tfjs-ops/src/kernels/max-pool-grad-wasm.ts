import * as tf from '@tensorflow/tfjs-core';
import { overrideShipped } from './shipped-override.js';
import { simdKernelsFor, wasmInternals } from './simd-module.js';
import { tensorKernel } from './tensor-kernel.js';
import { kernelAttrs } from './kernel-attrs.js';

/**
 * MaxPoolGrad for wasm. With a channel count divisible by 4 (every max pool in the zoo), one SIMD
 * pass (`max_pool_backward` in src/simd/simd-kernels.wat) that sends each window's gradient to
 * its first strict maximum, as the cpu kernel does (PSPNet's stem pool gradient: 189 ms per step
 * with the shifted shipped kernel, 38 ms with this one).
 *
 * Otherwise it wraps the shipped kernel (`shipped`), which routes the gradient of a window whose
 * values are all negative to its first position instead of its maximum (measured with
 * tfjs-backend-wasm 4.22.0; with a positive maximum it is right). The input and output are shifted
 * by 1 - min(input) first, which makes every value positive and keeps every window's maximum where
 * it was. Two values closer than the float32 spacing at the shifted magnitude become a tie; among
 * tied maxima the shipped kernel picks another position than the cpu kernel (both are valid
 * subgradients; after a ReLU the tied zeros get no gradient anyway).
 */
export function maxPoolGradWasm(shipped: tf.KernelConfig): tf.KernelConfig {
  const shiftedShipped = tensorKernel(tf.MaxPoolGrad, 'wasm', (inputs, attrs) => {
    const { dy, input, output } = inputs as Record<'dy' | 'input' | 'output', tf.Tensor4D>;
    const shift = tf.sub(1, tf.min(input));
    const shiftedInputs = { dy, input: tf.add(input, shift), output: tf.add(output, shift) };
    const result = shipped.kernelFunc({ inputs: shiftedInputs, backend: tf.backend(), attrs }) as tf.TensorInfo;
    return tf.engine().makeTensorFromTensorInfo(result);
  });
  return overrideShipped(
    shipped,
    ({ inputs, backend, attrs }) => {
      const { dy, input } = inputs as Record<'dy' | 'input', tf.TensorInfo>;
      const simd = simdKernelsFor(backend);
      if (!simd || input.shape[3]! % 4 !== 0) return null;
      const { filterSize, strides, pad, dimRoundingMode } = kernelAttrs<tf.MaxPoolGradAttrs>(attrs);
      const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
      if (!tf.util.arraysEqual(dy.shape, [info.batchSize, info.outHeight, info.outWidth, info.outChannels])) {
        throw new Error(`MaxPoolGrad: dy [${dy.shape.join(', ')}] is not the pool's output shape [${[info.batchSize, info.outHeight, info.outWidth, info.outChannels].join(', ')}]`);
      }
      const heap = wasmInternals(backend);
      const dx = heap.makeOutput([...input.shape], 'float32');
      const offset = (t: tf.TensorInfo) => heap.getMemoryOffset(t.dataId);
      simd.max_pool_backward(
        offset(dy), offset(input), offset(dx),
        info.batchSize, info.inHeight, info.inWidth, info.inChannels, info.outHeight, info.outWidth,
        info.filterHeight, info.filterWidth, info.strideHeight, info.strideWidth, info.padInfo.top, info.padInfo.left,
      );
      return dx;
    },
    shiftedShipped.kernelFunc,
  );
}
