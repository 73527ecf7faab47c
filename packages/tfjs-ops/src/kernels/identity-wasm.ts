import * as tf from '@tensorflow/tfjs-core';
import { replaceForNumbers } from './shipped-override.js';

/**
 * Identity for wasm, replacing the shipped kernel, which copies the values: tfjs clones every
 * tensor a gradient saves through this kernel, so training copied about 1000 tensors per
 * MobileNetV2 step (40 ms, and a second copy of every saved activation in memory). This one shares
 * the values, as the cpu backend's Identity and wasm's own Reshape do (no wasm kernel writes into
 * its inputs). Strings go to the shipped kernel.
 */
export function identityWasm(shipped: tf.KernelConfig): tf.KernelConfig {
  return replaceForNumbers(shipped, ({ backend }, x) => {
    (backend as tf.KernelBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  });
}
