import * as tf from '@tensorflow/tfjs-core';
import { overrideShipped } from './shipped-override.js';
import { simdKernelsFor, wasmInternals } from './simd-module.js';

/**
 * Exp for wasm on float32 tensors as one SIMD pass (`exp` in src/simd/simd-kernels.wat), replacing
 * the shipped kernel's scalar loop (14 ms for a 360x480x12 softmax input, the cross-entropy's two
 * calls per step: 4% of an ESPNet step). Other dtypes, and a runtime without the SIMD module, go to
 * the shipped kernel.
 */
export function expWasm(shipped: tf.KernelConfig): tf.KernelConfig {
  return overrideShipped(shipped, ({ inputs, backend }) => {
    const x = inputs['x'] as tf.TensorInfo;
    const simd = simdKernelsFor(backend);
    if (!simd || x.dtype !== 'float32') return null;
    const heap = wasmInternals(backend);
    const out = heap.makeOutput([...x.shape], 'float32');
    simd.exp(heap.getMemoryOffset(x.dataId), tf.util.sizeFromShape(x.shape), heap.getMemoryOffset(out.dataId));
    return out;
  });
}
