import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend, valuesOn } from '../../test/backends.js';
import { relativeMaxError } from '../../test/gradient-check.js';
import { uniformValues } from '../../test/random.js';
import { simdKernelsFor } from './simd-module.js';

// 8 channels take the SIMD kernel, 3 the shifted shipped one.
const CASES = [3, 8].flatMap((channels) => [
  { name: '3x3 stride 2 pad 1', channels, filterSize: [3, 3], strides: [2, 2], pad: [[0, 0], [1, 1], [1, 1], [0, 0]] },
  { name: '2x2 stride 2 valid', channels, filterSize: [2, 2], strides: [2, 2], pad: 'valid' },
  { name: '3x3 stride 1 same', channels, filterSize: [3, 3], strides: [1, 1], pad: 'same' },
  { name: '3x2 stride 2x1 valid', channels, filterSize: [3, 2], strides: [2, 1], pad: 'valid' },
]);

describe('MaxPoolGrad on wasm', () => {
  it('runs the SIMD kernel on this runtime', async () => {
    await useBackend('wasm');
    expect(simdKernelsFor(tf.backend())).not.toBeNull();
  });

  it.each(CASES)('$name, $channels channels, matches the cpu reference kernel, all-negative windows included', async ({ channels, filterSize, strides, pad }) => {
    const attrs = { filterSize, strides, pad } as unknown as tf.NamedAttrMap;
    const run = (scale: number) => () => {
      const x = tf.mul(tf.tensor4d(uniformValues(2 * 7 * 8 * channels, 81), [2, 7, 8, channels]), scale) as tf.Tensor4D;
      const y = tf.engine().runKernel(tf.MaxPool, { x }, attrs) as tf.Tensor4D;
      const dy = tf.tensor4d(uniformValues(y.size, 82), y.shape);
      return tf.engine().runKernel(tf.MaxPoolGrad, { dy, input: x, output: y }, attrs) as tf.Tensor;
    };
    for (const scale of [1, -3, 100]) {
      const reference = await valuesOn('cpu', run(scale));
      // Overlapping windows add several gradients into one pixel, in another order than the cpu loop.
      expect(relativeMaxError(await valuesOn('wasm', run(scale)), reference), `scale ${scale}`).toBeLessThan(1e-6);
    }
  });

  it('with 8 channels sends tied windows to the same maximum as the cpu kernel (the first)', async () => {
    const values = Array.from(uniformValues(2 * 6 * 8 * 8, 85), (v, i) => (v < 0 ? 0 : i % 5 === 0 ? -0.5 : v));
    const dyValues = uniformValues(2 * 3 * 4 * 8, 86, 1, 2);
    const run = () => {
      const x = tf.tensor4d(values, [2, 6, 8, 8]);
      const dy = tf.tensor4d(dyValues, [2, 3, 4, 8]);
      return tf.engine().runKernel(tf.MaxPoolGrad, { dy, input: x, output: tf.maxPool(x, 2, 2, 'valid') }, { filterSize: 2, strides: 2, pad: 'valid' }) as tf.Tensor;
    };
    expect(Array.from(await valuesOn('wasm', run))).toEqual(Array.from(await valuesOn('cpu', run)));
  });

  it('with 3 channels sends each window gradient to one of its tied maxima (ReLU zeros, repeated negatives)', async () => {
    const values = Array.from(uniformValues(2 * 6 * 8 * 3, 83), (v, i) => (v < 0 ? 0 : i % 4 === 0 ? -0.5 : v));
    const dyValues = uniformValues(2 * 3 * 4 * 3, 84, 1, 2);
    const dx = await valuesOn('wasm', () => {
      const x = tf.tensor4d(values, [2, 6, 8, 3]);
      const dy = tf.tensor4d(dyValues, [2, 3, 4, 3]);
      return tf.engine().runKernel(tf.MaxPoolGrad, { dy, input: x, output: tf.maxPool(x, 2, 2, 'valid') }, { filterSize: 2, strides: 2, pad: 'valid' }) as tf.Tensor;
    });
    const at = (n: number, y: number, x: number, c: number) => ((n * 6 + y) * 8 + x) * 3 + c;
    for (let n = 0; n < 2; n++)
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 4; j++)
          for (let c = 0; c < 3; c++) {
            const window = [0, 1, 2, 3].map((k) => at(n, 2 * i + (k >> 1), 2 * j + (k & 1), c));
            const max = Math.max(...window.map((k) => values[k]!));
            const receivers = window.filter((k) => dx[k] !== 0);
            expect(receivers).toHaveLength(1);
            expect(values[receivers[0]!]).toBe(max);
            expect(dx[receivers[0]!]).toBeCloseTo(dyValues[((n * 3 + i) * 4 + j) * 3 + c]!, 6);
          }
  });
});
