import * as tf from '@tensorflow/tfjs-core';
import { rowsAndChannels } from './channel-kernels-wasm.js';
import { simdKernelsFor, wasmInternals } from './simd-module.js';

/** Kernel: PReLU's gradient for a per-channel alpha [C]: outputs dx (x's shape) and dAlpha [C]. */
export const PRELU_GRADIENT = 'VidsegPreluGradient';
/** Kernel: ReLU6's gradient, dy where 0 < x <= 6, else 0. */
export const RELU6_GRADIENT = 'VidsegRelu6Gradient';

/** PRELU_GRADIENT on wasm (one SIMD pass): inputs dy, x [..., C] and alpha [C]. */
export const preluGradientWasm: tf.KernelConfig = {
  kernelName: PRELU_GRADIENT,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend }) => {
    const heap = wasmInternals(backend);
    const { dy, x, alpha } = inputs as Record<'dy' | 'x' | 'alpha', tf.TensorInfo>;
    const [rows, channels] = rowsAndChannels(x);
    if (tf.util.sizeFromShape(alpha.shape) !== channels || !tf.util.arraysEqual(dy.shape, x.shape)) {
      throw new Error(`${PRELU_GRADIENT}: needs dy of x's shape [${x.shape.join(', ')}] and one alpha per channel, got dy [${dy.shape.join(', ')}] and alpha [${alpha.shape.join(', ')}]`);
    }
    const dx = heap.makeOutput([...x.shape], 'float32');
    const dAlpha = heap.makeOutput([channels], 'float32');
    const scratch = heap.makeOutput([channels], 'float32');
    const offset = (t: tf.TensorInfo) => heap.getMemoryOffset(t.dataId);
    simdKernelsFor(backend)!.prelu_backward(offset(dy), offset(x), offset(alpha), rows, channels, offset(dx), offset(dAlpha), offset(scratch));
    heap.disposeData(scratch.dataId, true);
    return [dx, dAlpha];
  },
};

/** RELU6_GRADIENT on wasm (one SIMD pass): inputs dy and x of one shape. */
export const relu6GradientWasm: tf.KernelConfig = {
  kernelName: RELU6_GRADIENT,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend }) => {
    const heap = wasmInternals(backend);
    const { dy, x } = inputs as Record<'dy' | 'x', tf.TensorInfo>;
    if (!tf.util.arraysEqual(dy.shape, x.shape)) throw new Error(`${RELU6_GRADIENT}: dy [${dy.shape.join(', ')}] and x [${x.shape.join(', ')}] differ in shape`);
    const dx = heap.makeOutput([...x.shape], 'float32');
    simdKernelsFor(backend)!.relu6_backward(heap.getMemoryOffset(dy.dataId), heap.getMemoryOffset(x.dataId), tf.util.sizeFromShape(x.shape), heap.getMemoryOffset(dx.dataId));
    return dx;
  },
};
