import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, useBackend } from '../../test/backends.js';
import { expectGradientsMatchNumerical, relativeMaxError } from '../../test/gradient-check.js';
import { uniformValues } from '../../test/random.js';
import { referenceAvgPool } from '../../test/reference/pool-reference.js';
import { avgPool2d } from './avg-pool2d.js';

const SHAPE: [number, number, number, number] = [2, 7, 8, 3];
const X = uniformValues(2 * 7 * 8 * 3, 61);
const CASES = [
  { name: '3x3 stride 2 pad 1 (ESPNet image pyramid)', kernel: [3, 3], stride: [2, 2], padding: [1, 1] },
  { name: '2x2 stride 2 no pad', kernel: [2, 2], stride: [2, 2], padding: [0, 0] },
  { name: '3x2 stride [1, 3] pad [1, 1]', kernel: [3, 2], stride: [1, 3], padding: [1, 1] },
  { name: '5x5 stride 3 pad 2', kernel: [5, 5], stride: [3, 3], padding: [2, 2] },
] as const;

describe.each(BACKENDS)('avgPool2d on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  describe.each([true, false])('countIncludePad %s', (countIncludePad) => {
    it.each(CASES)('$name: PyTorch AvgPool2d (direct loops) and numerical gradients', (pool) => {
      const options = { kernel: pool.kernel, stride: pool.stride, padding: pool.padding, countIncludePad };
      const y = avgPool2d(tf.tensor4d(X, SHAPE), options);
      const reference = referenceAvgPool({ data: X, shape: SHAPE }, { kernel: [...pool.kernel], stride: [...pool.stride], padding: [...pool.padding] }, countIncludePad);
      expect(y.shape).toEqual([...reference.shape]);
      expect(relativeMaxError(y.dataSync(), reference.data)).toBeLessThan(1e-6);
      expectGradientsMatchNumerical((x) => avgPool2d(x as tf.Tensor4D, options), [{ values: X, shape: SHAPE }], { step: 0.5, tolerance: 1e-5 });
    });
  });

  it('the two padding rules differ at the border only', () => {
    const include = avgPool2d(tf.ones([1, 5, 5, 1]), { kernel: 3, stride: 2, padding: 1, countIncludePad: true });
    const exclude = avgPool2d(tf.ones([1, 5, 5, 1]), { kernel: 3, stride: 2, padding: 1, countIncludePad: false });
    expect(Array.from(include.dataSync()).map((v) => Math.round(v * 9))).toEqual([4, 6, 4, 6, 9, 6, 4, 6, 4]);
    expect(Array.from(exclude.dataSync())).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('refuses padding above half the kernel', () => {
    expect(() => avgPool2d(tf.ones([1, 5, 5, 1]) as tf.Tensor4D, { kernel: 2, padding: 2 })).toThrow(/at most half the kernel/);
  });
});
