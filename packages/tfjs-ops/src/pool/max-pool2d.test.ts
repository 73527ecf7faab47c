import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, useBackend } from '../../test/backends.js';
import { expectGradientsMatchNumerical, relativeMaxError } from '../../test/gradient-check.js';
import { uniformValues } from '../../test/random.js';
import { referenceMaxPool } from '../../test/reference/pool-reference.js';
import { maxPool2d } from './max-pool2d.js';

const SHAPE: [number, number, number, number] = [2, 7, 8, 3];
// All negative, so a padded zero would win wherever padding counted.
const X = uniformValues(2 * 7 * 8 * 3, 62, -2, -0.1);
const CASES = [
  { name: '3x3 stride 2 pad 1 (ResNet stem)', kernel: [3, 3], stride: [2, 2], padding: [1, 1] },
  { name: '2x2 stride 2', kernel: [2, 2], stride: [2, 2], padding: [0, 0] },
  { name: '3x2 stride [1, 2] pad [1, 1]', kernel: [3, 2], stride: [1, 2], padding: [1, 1] },
] as const;

describe.each(BACKENDS)('maxPool2d on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(CASES)('$name: PyTorch MaxPool2d (direct loops) and numerical gradients', (pool) => {
    const options = { kernel: pool.kernel, stride: pool.stride, padding: pool.padding };
    const y = maxPool2d(tf.tensor4d(X, SHAPE), options);
    const reference = referenceMaxPool({ data: X, shape: SHAPE }, { kernel: [...pool.kernel], stride: [...pool.stride], padding: [...pool.padding] });
    expect(y.shape).toEqual([...reference.shape]);
    expect(relativeMaxError(y.dataSync(), reference.data)).toBe(0);
    // The random values are far enough apart that a small step never changes a window's winner.
    expectGradientsMatchNumerical((x) => maxPool2d(x as tf.Tensor4D, options), [{ values: X, shape: SHAPE }], { step: 1e-3, tolerance: 1e-3 });
  });
});
