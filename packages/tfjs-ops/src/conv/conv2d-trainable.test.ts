import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, useBackend } from '../../test/backends.js';
import { expectGradientsMatchNumerical, relativeMaxError } from '../../test/gradient-check.js';
import { uniformValues } from '../../test/random.js';
import { referenceConv2d } from '../../test/reference/conv-reference.js';
import { conv2dTrainable } from './conv2d-trainable.js';

const CASES = [
  { name: 'plain 3x3 pad 1', groups: 1, stride: [1, 1], padding: [1, 1], dilation: [1, 1], kernel: [3, 3] },
  { name: 'stride 2', groups: 1, stride: [2, 2], padding: [1, 1], dilation: [1, 1], kernel: [3, 3] },
  { name: 'dilation 2 (ESPNet branch)', groups: 1, stride: [1, 1], padding: [2, 2], dilation: [2, 2], kernel: [3, 3] },
  { name: 'depthwise stride 2', groups: 4, stride: [2, 2], padding: [1, 1], dilation: [1, 1], kernel: [3, 3] },
  { name: 'depthwise dilation 2', groups: 4, stride: [1, 1], padding: [2, 2], dilation: [2, 2], kernel: [3, 3] },
  { name: 'two groups, rectangular', groups: 2, stride: [1, 2], padding: [1, 0], dilation: [1, 1], kernel: [3, 1] },
] as const;

describe.each(BACKENDS)('conv2dTrainable on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(CASES)('$name: PyTorch Conv2d forward (direct loops) and numerical gradients', (conv) => {
    const [n, h, w, cin, cout] = [2, 7, 6, 4, 4];
    const depthwise = conv.groups === cin;
    // tfjs layouts: [kh, kw, in / groups, out], or [kh, kw, C, multiplier] when depthwise.
    const filterShape = depthwise ? [...conv.kernel, cin, 1] : [...conv.kernel, cin / conv.groups, cout];
    const xValues = uniformValues(n * h * w * cin, 31);
    const wValues = uniformValues(filterShape.reduce((a, b) => a * b), 32);
    const bias = uniformValues(cout, 33);
    const options = { stride: conv.stride, padding: conv.padding, dilation: conv.dilation, groups: conv.groups };
    const y = conv2dTrainable(tf.tensor4d(xValues, [n, h, w, cin]), tf.tensor4d(wValues, filterShape as [number, number, number, number]), {
      ...options,
      bias: tf.tensor1d(bias),
    });
    const reference = referenceConv2d(
      { data: xValues, shape: [n, h, w, cin] },
      // The depthwise layout [kh, kw, C, 1] holds the same values as PyTorch's grouped [kh, kw, 1, C].
      { data: wValues, shape: depthwise ? [conv.kernel[0], conv.kernel[1], 1, cin] : (filterShape as [number, number, number, number]) },
      { stride: [...conv.stride], padding: [...conv.padding], dilation: [...conv.dilation], groups: conv.groups },
    );
    expect(y.shape).toEqual([...reference.shape]);
    const withBias = reference.data.map((v, i) => v + bias[i % cout]!);
    expect(relativeMaxError(y.dataSync(), withBias)).toBeLessThan(1e-6);
    expectGradientsMatchNumerical(
      (x, f) => conv2dTrainable(x as tf.Tensor4D, f as tf.Tensor4D, options),
      [
        { values: xValues, shape: [n, h, w, cin] },
        { values: wValues, shape: filterShape },
      ],
      { step: 0.5, tolerance: 1e-4 },
    );
  });
});

describe('conv2dTrainable argument errors', () => {
  beforeAll(() => useBackend('cpu'));

  it('names the problem', () => {
    const x = tf.zeros([1, 5, 5, 4]) as tf.Tensor4D;
    expect(() => conv2dTrainable(x, tf.zeros([3, 3, 4, 2]), { stride: 2, dilation: 2 })).toThrow(UsageError);
    expect(() => conv2dTrainable(x, tf.zeros([3, 3, 4, 2]), { stride: 2, dilation: 2 })).toThrow(/stride or a dilation/);
    expect(() => conv2dTrainable(x, tf.zeros([3, 3, 4, 2]), { groups: 3 })).toThrow(/groups must divide the 4 input channels/);
    expect(() => conv2dTrainable(x, tf.zeros([3, 3, 3, 2]))).toThrow(/must have 4 input channels \(axis 2\)/);
    expect(() => conv2dTrainable(x, tf.zeros([3, 3, 4, 2]), { padding: -1 })).toThrow(/padding must be an integer/);
  });
});
