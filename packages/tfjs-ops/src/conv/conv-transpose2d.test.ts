import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, useBackend } from '../../test/backends.js';
import { expectGradientsMatchNumerical, relativeMaxError } from '../../test/gradient-check.js';
import { uniformValues } from '../../test/random.js';
import { referenceConvTranspose2d } from '../../test/reference/conv-reference.js';
import { convTranspose2d } from './conv-transpose2d.js';

const CASES = [
  { name: 'kernel 2 stride 2 (ESPNet up2)', kernel: [2, 2], stride: [2, 2], padding: [0, 0], outputPadding: [0, 0] },
  { name: 'kernel 3 stride 2 pad 1 output padding 1', kernel: [3, 3], stride: [2, 2], padding: [1, 1], outputPadding: [1, 1] },
  { name: 'kernel 4 stride 2 pad 1', kernel: [4, 4], stride: [2, 2], padding: [1, 1], outputPadding: [0, 0] },
  { name: 'kernel 3 stride 1 pad 1', kernel: [3, 3], stride: [1, 1], padding: [1, 1], outputPadding: [0, 0] },
  { name: 'kernel 3x2 stride [3, 2] output padding [2, 0]', kernel: [3, 2], stride: [3, 2], padding: [0, 0], outputPadding: [2, 0] },
] as const;

describe.each(BACKENDS)('convTranspose2d on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(CASES)('$name: PyTorch ConvTranspose2d forward (direct loops) and numerical gradients', (conv) => {
    const [n, h, w, cin, cout] = [2, 3, 4, 3, 2];
    const filterShape: [number, number, number, number] = [conv.kernel[0], conv.kernel[1], cout, cin];
    const xValues = uniformValues(n * h * w * cin, 41);
    const wValues = uniformValues(filterShape.reduce((a, b) => a * b), 42);
    const options = { stride: conv.stride, padding: conv.padding, outputPadding: conv.outputPadding };
    const y = convTranspose2d(tf.tensor4d(xValues, [n, h, w, cin]), tf.tensor4d(wValues, filterShape), options);
    const reference = referenceConvTranspose2d(
      { data: xValues, shape: [n, h, w, cin] },
      { data: wValues, shape: filterShape },
      [...conv.stride],
      [...conv.padding],
      [...conv.outputPadding],
    );
    expect(y.shape).toEqual([...reference.shape]);
    expect(relativeMaxError(y.dataSync(), reference.data)).toBeLessThan(1e-6);
    expectGradientsMatchNumerical(
      (x, f) => convTranspose2d(x as tf.Tensor4D, f as tf.Tensor4D, options),
      [
        { values: xValues, shape: [n, h, w, cin] },
        { values: wValues, shape: filterShape },
      ],
      { step: 0.5, tolerance: 1e-4 },
    );
  });

  it('refuses an output padding that is not below the stride', () => {
    expect(() => convTranspose2d(tf.zeros([1, 2, 2, 1]), tf.zeros([2, 2, 1, 1]), { stride: 2, outputPadding: 2 })).toThrow(/outputPadding/);
  });
});
