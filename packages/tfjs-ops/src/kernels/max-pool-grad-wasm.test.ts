import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { valuesOn } from '../../test/backends.js';
import { relativeMaxError } from '../../test/gradient-check.js';
import { uniformValues } from '../../test/random.js';

describe('MaxPoolGrad on wasm', () => {
  it.each([
    { name: '3x3 stride 2 pad 1', filterSize: [3, 3], strides: [2, 2], pad: [[0, 0], [1, 1], [1, 1], [0, 0]] },
    { name: '2x2 stride 2 valid', filterSize: [2, 2], strides: [2, 2], pad: 'valid' },
    { name: '3x3 stride 1 same', filterSize: [3, 3], strides: [1, 1], pad: 'same' },
  ])('$name matches the cpu reference kernel, all-negative windows included', async ({ filterSize, strides, pad }) => {
    const run = (scale: number) => () => {
      const x = tf.mul(tf.tensor4d(uniformValues(2 * 7 * 8 * 3, 81), [2, 7, 8, 3]), scale) as tf.Tensor4D;
      const y = tf.maxPool(x, filterSize as [number, number], strides as [number, number], pad as 'valid');
      const dy = tf.tensor4d(uniformValues(y.size, 82), y.shape);
      return tf.engine().runKernel(tf.MaxPoolGrad, { dy, input: x, output: y }, { filterSize, strides, pad } as unknown as tf.NamedAttrMap) as tf.Tensor;
    };
    for (const scale of [1, -3, 100]) {
      const reference = await valuesOn('cpu', run(scale));
      // Overlapping windows add several gradients into one pixel, in another order than the cpu loop.
      expect(relativeMaxError(await valuesOn('wasm', run(scale)), reference), `scale ${scale}`).toBeLessThan(1e-6);
    }
  });

  it('sends each window gradient to one of its tied maxima (ReLU zeros, repeated negatives)', async () => {
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
