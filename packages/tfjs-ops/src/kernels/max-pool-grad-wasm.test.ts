import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { valuesOn } from '../../test/backends.js';
import { relativeMaxError } from '../../test/gradient-check.js';
import { uniformValues } from '../../test/random.js';

describe('MaxPoolGrad on wasm', () => {
  // Negative windows (where the shipped wasm kernel fails), ties (ReLU zeros: the first maximum
  // wins) and padded windows.
  const values = Array.from(uniformValues(2 * 7 * 8 * 3, 81, -1, 1), (v, i) => (i % 5 === 0 ? 0 : v < 0.3 && i % 2 === 0 ? 0 : v));
  it.each([
    { name: '3x3 stride 2 pad 1', filterSize: [3, 3], strides: [2, 2], pad: [[0, 0], [1, 1], [1, 1], [0, 0]] },
    { name: '2x2 stride 2 valid', filterSize: [2, 2], strides: [2, 2], pad: 'valid' },
    { name: '3x3 stride 1 same', filterSize: [3, 3], strides: [1, 1], pad: 'same' },
  ])('$name matches the cpu reference kernel (negatives, ties, padding)', async ({ filterSize, strides, pad }) => {
    const run = () => {
      const x = tf.tensor4d(values, [2, 7, 8, 3]);
      const y = tf.maxPool(x, filterSize as [number, number], strides as [number, number], pad as 'valid');
      const dy = tf.tensor4d(uniformValues(y.size, 82), y.shape);
      return tf.engine().runKernel(tf.MaxPoolGrad, { dy, input: x, output: y }, { filterSize, strides, pad } as unknown as tf.NamedAttrMap) as tf.Tensor;
    };
    const reference = await valuesOn('cpu', run);
    // Overlapping windows add several gradients into one pixel, in another order than the cpu loop.
    expect(relativeMaxError(await valuesOn('wasm', run), reference)).toBeLessThan(1e-6);
  });
});
