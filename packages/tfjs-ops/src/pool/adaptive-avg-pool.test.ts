import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, useBackend } from '../../test/backends.js';
import { expectGradientsMatchNumerical, relativeMaxError } from '../../test/gradient-check.js';
import { uniformValues } from '../../test/random.js';
import { referenceAdaptiveAvgPool } from '../../test/reference/pool-reference.js';
import { adaptiveAvgPool } from './adaptive-avg-pool.js';
import { adaptiveBinEdges } from './adaptive-bins.js';

describe('adaptiveBinEdges', () => {
  it('follows PyTorch: [floor(i L / n), ceil((i + 1) L / n)), overlapping where n does not divide L', () => {
    expect(adaptiveBinEdges(10, 3)).toEqual([
      { start: 0, end: 4 },
      { start: 3, end: 7 },
      { start: 6, end: 10 },
    ]);
    expect(adaptiveBinEdges(5, 2)).toEqual([
      { start: 0, end: 3 },
      { start: 2, end: 5 },
    ]);
    expect(adaptiveBinEdges(4, 6).map((b) => [b.start, b.end])).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
      [2, 3],
      [2, 4],
      [3, 4],
    ]);
  });
});

describe.each(BACKENDS)('adaptiveAvgPool on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  // PSPNet's pyramid bins on sizes that do not divide evenly (and one smaller than the bins).
  it.each([
    { size: [13, 11], bins: [1, 1] },
    { size: [13, 11], bins: [2, 2] },
    { size: [13, 11], bins: [3, 3] },
    { size: [13, 11], bins: [6, 6] },
    { size: [4, 7], bins: [6, 2] },
  ] as const)('$size to $bins bins: PyTorch bins (direct loops) and numerical gradients', ({ size, bins }) => {
    const shape: [number, number, number, number] = [2, size[0], size[1], 3];
    const x = uniformValues(shape.reduce((a, b) => a * b), 71);
    const y = adaptiveAvgPool(tf.tensor4d(x, shape), bins);
    const reference = referenceAdaptiveAvgPool({ data: x, shape }, [...bins]);
    expect(y.shape).toEqual([...reference.shape]);
    expect(relativeMaxError(y.dataSync(), reference.data)).toBeLessThan(1e-6);
    expectGradientsMatchNumerical((input) => adaptiveAvgPool(input as tf.Tensor4D, bins), [{ values: x, shape }], { step: 0.5, tolerance: 1e-5 });
  });
});
