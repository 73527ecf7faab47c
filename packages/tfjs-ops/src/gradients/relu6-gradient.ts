import * as tf from '@tensorflow/tfjs-core';
import { RELU6_GRADIENT } from '../kernels/activation-gradients-wasm.js';
import { runsAsKernel } from '../util/channel-passes.js';

/**
 * The Relu6 gradient, replacing tfjs's for speed on wasm, where its `lessEqual` is a scalar loop
 * writing booleans (about 5 ms per 1.5 M values, 25x a float pass; 190 ms of a MobileNetV2 step at
 * 360x480). The same mask (1 where 0 < x <= 6, as tfjs's) in float arithmetic:
 * step(x) - step(x - 6); as one `RELU6_GRADIENT` kernel where the backend has it (wasm: one SIMD
 * pass; WebGPU: `@vidseg/backend-tfjs`).
 */
export const relu6Gradient: tf.GradConfig = {
  kernelName: tf.Relu6,
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => {
    const [x] = saved as [tf.Tensor];
    if (runsAsKernel(RELU6_GRADIENT) && x.dtype === 'float32') return { x: () => tf.engine().runKernel(RELU6_GRADIENT, { dy: dy as tf.Tensor, x }) as tf.Tensor };
    return { x: () => tf.mul(dy as tf.Tensor, tf.sub(tf.step(x), tf.step(tf.sub(x, 6)))) };
  },
};
