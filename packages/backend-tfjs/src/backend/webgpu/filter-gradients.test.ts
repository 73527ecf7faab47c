import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { conv2dTrainable, registerTrainingKernels } from '@vidseg/tfjs-ops';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2dFilterGradientByTaps, depthwiseFilterGradientByTaps } from './filter-gradients.js';
import { innerSplit } from './webgpu-kernels.js';
import { relativeDifference as relativeValueDifference } from '../../../test/software-webgpu.js';

/** max |a - b| / max |b| of two tensors' values. */
const relativeDifference = async (a: tf.Tensor, b: tf.Tensor) => relativeValueDifference(await a.data(), await b.data());

/** The filter gradient of sum(conv(x, w) * g) through the registered (tfjs-ops) gradient, the reference. */
function referenceFilterGradient(x: tf.Tensor4D, filter: tf.Tensor4D, weights: tf.Tensor4D, options: Parameters<typeof conv2dTrainable>[2]): tf.Tensor {
  return tf.grad((w: tf.Tensor) => tf.sum(tf.mul(conv2dTrainable(x, w as tf.Tensor4D, options), weights)))(filter);
}

describe('filter gradients by taps (cpu, against the registered gradients of @vidseg/tfjs-ops)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await registerTrainingKernels();
  });

  const cases = [
    { name: '3x3 stride 2 padding 1', kernel: [3, 3], options: { stride: 2, padding: 1 } },
    { name: '3x3 dilation 2 padding 2', kernel: [3, 3], options: { dilation: 2, padding: 2 } },
    { name: '1x1', kernel: [1, 1], options: {} },
    { name: '3x5 stride [1, 2] padding [1, 2]', kernel: [3, 5], options: { stride: [1, 2] as [number, number], padding: [1, 2] as [number, number] } },
  ];
  for (const { name, kernel, options } of cases) {
    it(`matches for a ${name} convolution`, async () => {
      const x = tf.randomNormal([2, 9, 11, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
      const filter = tf.randomNormal([kernel[0]!, kernel[1]!, 3, 4], 0, 1, 'float32', 2) as tf.Tensor4D;
      const y = conv2dTrainable(x, filter, options);
      const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 3) as tf.Tensor4D;
      const info = tf.backend_util.computeConv2DInfo(x.shape, filter.shape, convStrides(options), convDilations(options), explicitPad(options), undefined);
      const expected = referenceFilterGradient(x, filter, dy, options);
      const actual = conv2dFilterGradientByTaps(x, dy, info);
      expect(actual.shape).toEqual(filter.shape);
      expect(await relativeDifference(actual, expected)).toBeLessThan(1e-5);
    });
  }

  for (const { name, options, multiplier } of [
    { name: 'stride 2 padding 1, multiplier 2', options: { stride: 2, padding: 1 }, multiplier: 2 },
    { name: 'dilation 3 padding 3', options: { dilation: 3, padding: 3 }, multiplier: 1 },
  ]) {
    it(`matches for a depthwise 3x3 ${name} convolution`, async () => {
      const x = tf.randomNormal([2, 10, 12, 3], 0, 1, 'float32', 4) as tf.Tensor4D;
      const filter = tf.randomNormal([3, 3, 3, multiplier], 0, 1, 'float32', 5) as tf.Tensor4D;
      const depthwise = { ...options, groups: 3 };
      const y = conv2dTrainable(x, filter, depthwise);
      const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 6) as tf.Tensor4D;
      const info = tf.backend_util.computeConv2DInfo(x.shape, filter.shape, convStrides(options), convDilations(options), explicitPad(options), undefined, true);
      const expected = referenceFilterGradient(x, filter, dy, depthwise);
      const actual = depthwiseFilterGradientByTaps(x, dy, info);
      expect(actual.shape).toEqual(filter.shape);
      expect(await relativeDifference(actual, expected)).toBeLessThan(1e-5);
    });
  }
});

describe('innerSplit', () => {
  it('splits long products with few output tiles into divisor parts of at least 1024', () => {
    // A 32 x 16 weight gradient over 8 * 256 * 512 positions: one tile; 2048 parts wanted, 1024 allowed.
    expect(innerSplit(8 * 256 * 512, 32, 16)).toBe(1024);
    // 256 x 512 outputs (128 tiles) over 2^20 positions: 16 parts give 2048 workgroups.
    expect(innerSplit(1 << 20, 256, 512)).toBe(16);
    // A per-channel sum (a row of ones) over 65 536 positions: parts of exactly 1024.
    expect(innerSplit(65536, 1, 96)).toBe(64);
  });

  it('leaves products whole when the output fills the GPU, the inner dimension is short, or parts would be too many', () => {
    expect(innerSplit(1 << 20, 512, 512)).toBe(1);
    expect(innerSplit(2047, 1, 16)).toBe(1);
    // 64 x 64 outputs over 2^21 positions would want 512 parts; the 64 MB cap on partials allows 4096, the length 2048.
    expect(innerSplit(1 << 21, 64, 64)).toBe(512);
    // A prime inner length has no divisor to split by.
    expect(innerSplit(65537, 1, 16)).toBe(1);
  });
});

type Options = { stride?: number | [number, number]; padding?: number | [number, number]; dilation?: number };
const pair = (v: number | [number, number] | undefined, fallback: number): [number, number] => (v === undefined ? [fallback, fallback] : typeof v === 'number' ? [v, v] : v);
const convStrides = (o: Options) => pair(o.stride, 1);
const convDilations = (o: Options) => pair(o.dilation, 1);
function explicitPad(o: Options): tf.backend_util.ExplicitPadding {
  const [h, w] = pair(o.padding, 0);
  return [
    [0, 0],
    [h, h],
    [w, w],
    [0, 0],
  ];
}
