import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, useBackend } from '../../test/backends.js';
import { expectGradientsMatchNumerical } from '../../test/gradient-check.js';
import { uniformValues } from '../../test/random.js';
import type { CoordinateMode } from '@vidseg/core';
import { resizeBilinear } from './resize-bilinear.js';

const MODES: readonly CoordinateMode[] = ['half-pixel', 'align-corners', 'asymmetric'];

/** Resizes a row vector (1 x n) to 1 x `out`. */
const resizeRow = (values: number[], out: number, mode: CoordinateMode) =>
  Array.from(resizeBilinear(tf.tensor4d(values, [1, 1, values.length, 1]), [1, out], mode).dataSync());

describe.each(BACKENDS)('resizeBilinear on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  // Hand computations of ONNX Resize (mode linear, sizes given) for the input [0, 1, 4]:
  // half_pixel: x = (o + 0.5) * 3/5 - 0.5 = -0.2, 0.4, 1.0, 1.6, 2.2, clamped to [0, 2];
  // align_corners: x = o * 2/4; asymmetric: x = o * 3/5 = 0, 0.6, 1.2, 1.8, 2.4 (clamped to 2).
  it.each([
    { mode: 'half-pixel', expected: [0, 0.4, 1, 2.8, 4] },
    { mode: 'align-corners', expected: [0, 0.5, 1, 2.5, 4] },
    { mode: 'asymmetric', expected: [0, 0.6, 1.6, 3.4, 4] },
  ] as const)('upsamples [0, 1, 4] to 5 as ONNX $mode does', ({ mode, expected }) => {
    resizeRow([0, 1, 4], 5, mode).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
  });

  // Downsampling [0, 1, 2, 3, 4, 5, 6] to 3: half_pixel x = (o + 0.5) * 7/3 - 0.5 = 2/3, 3, 16/3;
  // align_corners x = 0, 3, 6; asymmetric x = 0, 7/3, 14/3.
  it.each([
    { mode: 'half-pixel', expected: [2 / 3, 3, 16 / 3] },
    { mode: 'align-corners', expected: [0, 3, 6] },
    { mode: 'asymmetric', expected: [0, 7 / 3, 14 / 3] },
  ] as const)('downsamples 7 to 3 as ONNX $mode does', ({ mode, expected }) => {
    resizeRow([0, 1, 2, 3, 4, 5, 6], 3, mode).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
  });

  it('resizes to one pixel: align_corners reads the first, half_pixel the centre', () => {
    expect(resizeRow([0, 1, 2, 3], 1, 'align-corners')).toEqual([0]);
    expect(resizeRow([0, 1, 2, 3], 1, 'half-pixel')[0]).toBeCloseTo(1.5, 6);
    expect(resizeRow([0, 1, 2, 3], 1, 'asymmetric')).toEqual([0]);
  });

  it('is separable: a 2x2 image to 3x3 with aligned corners', () => {
    const y = resizeBilinear(tf.tensor4d([0, 1, 2, 3], [1, 2, 2, 1]), [3, 3], 'align-corners');
    expect(Array.from(y.dataSync())).toEqual([0, 0.5, 1, 1, 1.5, 2, 2, 2.5, 3]);
  });

  it.each(MODES)('%s matches numerical gradients (up- and downsampling, non-square)', (mode) => {
    for (const size of [
      [7, 4],
      [2, 9],
    ] as const) {
      expectGradientsMatchNumerical((x) => resizeBilinear(x as tf.Tensor4D, size, mode), [{ values: uniformValues(2 * 4 * 5 * 3, 92), shape: [2, 4, 5, 3] }], {
        step: 0.5,
        tolerance: 1e-5,
        entriesPerInput: 120,
      });
    }
  });
});

describe.each(BACKENDS)('tfjs resizeBilinear trains after registerTrainingKernels, on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each([
    { alignCorners: false, halfPixelCenters: true },
    { alignCorners: true, halfPixelCenters: false },
    { alignCorners: false, halfPixelCenters: false },
  ])('alignCorners $alignCorners, halfPixelCenters $halfPixelCenters: numerical gradients on a non-square input', (settings) => {
    expectGradientsMatchNumerical(
      (x) => tf.image.resizeBilinear(x as tf.Tensor4D, [5, 11], settings.alignCorners, settings.halfPixelCenters),
      [{ values: uniformValues(2 * 3 * 7 * 2, 93), shape: [2, 3, 7, 2] }],
      { step: 0.5, tolerance: 1e-5 },
    );
  });
});
