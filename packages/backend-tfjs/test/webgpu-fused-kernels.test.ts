import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { AFFINE_CENTERED, affineCentered, CHANNEL_MEAN, FLIPPED_TRANSPOSED_FILTER, PRELU_GRADIENT, RELU6_GRADIENT, SHIFTED_CHANNEL_SUMS, shiftedChannelSums, windowProductSums } from '@vidseg/tfjs-ops/internal';
import { batchNormTrain, conv2dTrainable } from '@vidseg/tfjs-ops';
import { describe, expect, it } from 'vitest';
import { channelSumParts } from '../src/backend/webgpu/channel-programs.js';
import { DEPTHWISE_FILTER_GRADIENT } from '../src/backend/webgpu/depthwise-filter-gradient-program.js';
import { IM2COL } from '../src/backend/webgpu/im2col-program.js';
import { RELU_GRADIENT } from '../src/backend/webgpu/relu-gradient-programs.js';
import { LINEAR_COMBINATION, linearCombination } from '../src/ops/linear-combination.js';
import { ScalarCache } from '../src/ops/scalar-cache.js';
import { SgdOptimizer } from '../src/train/sgd-optimizer.js';
import { relativeDifference, softwareAdapter, softwareSkipReason, useWebgpu, valuesOn } from './software-webgpu.js';

// The fused WebGPU programs (src/backend/webgpu/channel-programs.ts) against the cpu backend, which
// composes the same passes from tfjs ops; on the software adapter (software-webgpu.ts).
const available = await softwareAdapter();

/** Deterministic values in [-scale, scale) shifted by `offset`. */
const values = (n: number, seed: number, scale = 1, offset = 0) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed * 78.233) * scale + offset);

/** The channel passes of tfjs-ops (their kernels where registered, else tfjs ops) and the channel mean on a [rows, C] pair. */
async function channelPasses(backend: 'webgpu' | 'cpu', rows: number, channels: number): Promise<Float32Array[]> {
  return valuesOn(backend, () => {
    const a = tf.tensor2d(values(rows * channels, 1, 2, 3), [rows, channels]);
    const b = tf.tensor2d(values(rows * channels, 2), [rows, channels]);
    const vector = (seed: number) => tf.tensor1d(values(channels, seed)) as tf.Tensor1D;
    const window = { aRow: Math.floor(rows / 4), bRow: Math.floor(rows / 3), rows: Math.floor(rows / 2) };
    return [
      shiftedChannelSums(a, b, vector(3), vector(4)),
      shiftedChannelSums(a, b),
      windowProductSums(a, b, window),
      affineCentered(a, b, { scaleA: vector(5), scaleB: vector(6), shiftB: vector(7), offset: vector(8) }),
      affineCentered(a, a, { scaleB: vector(6), shiftB: vector(7), offset: vector(8) }),
      // The mean kernel on WebGPU; tfjs's mean on cpu (which has no such kernel).
      backend === 'webgpu' ? (tf.engine().runKernel(CHANNEL_MEAN, { x: a }) as tf.Tensor) : tf.mean(a, 0, true),
    ];
  });
}

describe.skipIf(!available)(`fused WebGPU channel programs on a software adapter${softwareSkipReason(available)}`, () => {
  it('are registered by the tuned WebGPU path', async () => {
    await useWebgpu();
    expect(tf.getKernel(SHIFTED_CHANNEL_SUMS, 'webgpu')).toBeDefined();
    expect(tf.getKernel(AFFINE_CENTERED, 'webgpu')).toBeDefined();
    expect(tf.getKernel(LINEAR_COMBINATION, 'webgpu')).toBeDefined();
    expect(tf.getKernel(DEPTHWISE_FILTER_GRADIENT, 'webgpu')).toBeDefined();
    expect(tf.getKernel(IM2COL, 'webgpu')).toBeDefined();
    expect(tf.getKernel(PRELU_GRADIENT, 'webgpu')).toBeDefined();
    expect(tf.getKernel(CHANNEL_MEAN, 'webgpu')).toBeDefined();
    expect(tf.getKernel(RELU_GRADIENT, 'webgpu')).toBeDefined();
    expect(tf.getKernel(RELU6_GRADIENT, 'webgpu')).toBeDefined();
    expect(tf.getKernel(FLIPPED_TRANSPOSED_FILTER, 'webgpu')).toBeDefined();
  });

  /** The filter gradient of sum(conv(x, w) * weights) for a convolution of `groups` groups, w [kh, kw, in / groups, out]. */
  const filterGradient = (shape: readonly number[], filterShape: readonly number[], options: Parameters<typeof conv2dTrainable>[2]) => () => {
    const x = tf.tensor4d(values(tf.util.sizeFromShape([...shape]), 13), [...shape] as [number, number, number, number]);
    const filter = tf.tensor4d(values(tf.util.sizeFromShape([...filterShape]), 14), [...filterShape] as [number, number, number, number]);
    const conv = (w: tf.Tensor) => conv2dTrainable(x, w as tf.Tensor4D, options);
    const weights = tf.tensor4d(values(conv(filter).size, 15), conv(filter).shape);
    return [tf.grad((w: tf.Tensor) => tf.sum(tf.mul(conv(w), weights)))(filter)];
  };

  it.each([
    ['3x3 stride 2 padding 1, 5 -> 7 channels', [2, 11, 14, 5], [3, 3, 5, 7], { stride: 2, padding: 1 }],
    ['3x3 dilation 2 padding 2, 12 -> 4 channels', [2, 16, 20, 12], [3, 3, 12, 4], { dilation: 2, padding: 2 }],
    ['3x5 stride [1, 2] padding [1, 2], 3 -> 6 channels', [1, 9, 12, 3], [3, 5, 3, 6], { stride: [1, 2] as [number, number], padding: [1, 2] as [number, number] }],
  ] as const)('convolution filter gradient (window columns + one product) matches cpu: %s', async (_name, shape, filterShape, options) => {
    const [gpu] = await valuesOn('webgpu', filterGradient(shape, filterShape, options));
    const [cpu] = await valuesOn('cpu', filterGradient(shape, filterShape, options));
    expect(gpu!.length).toBe(cpu!.length);
    expect(relativeDifference(gpu!, cpu!)).toBeLessThan(1e-5);
  });

  // Channels below one lane block (5) and over two blocks (70); rows in one part and in several.
  it.each([
    ['3x3 stride 2 padding 1, 5 channels', [2, 11, 14, 5], [3, 3], { stride: 2, padding: 1 }],
    ['3x3 dilation 2 padding 2, 70 channels', [2, 24, 30, 70], [3, 3], { dilation: 2, padding: 2 }],
    ['3x5 stride [1, 2] padding [1, 2], 8 channels', [1, 9, 12, 8], [3, 5], { stride: [1, 2] as [number, number], padding: [1, 2] as [number, number] }],
    ['3x3 no padding, 16 channels, many parts', [4, 40, 42, 16], [3, 3], {}],
  ] as const)('depthwise filter gradient (fused program) matches cpu: %s', async (_name, shape, kernel, options) => {
    const channels = shape[3];
    const run = filterGradient(shape, [kernel[0], kernel[1], channels, 1], { ...options, groups: channels });
    const [gpu] = await valuesOn('webgpu', run);
    const [cpu] = await valuesOn('cpu', run);
    expect(gpu!.length).toBe(cpu!.length);
    expect(relativeDifference(gpu!, cpu!)).toBeLessThan(1e-5);
  });

  // The input gradient of a dilated convolution is a forward convolution with the flipped, transposed filter (one program).
  it.each([
    ['3x3 dilation 2 padding 2, 5 -> 7 channels', [2, 12, 15, 5], [3, 3, 5, 7], { dilation: 2, padding: 2 }],
    ['3x5 dilation [2, 3] padding [2, 6], 4 -> 3 channels', [1, 11, 17, 4], [3, 5, 4, 3], { dilation: [2, 3] as [number, number], padding: [2, 6] as [number, number] }],
  ] as const)('dilated convolution input gradient (flipped filter program) matches cpu: %s', async (_name, shape, filterShape, options) => {
    const run = () => {
      const x = tf.tensor4d(values(tf.util.sizeFromShape([...shape]), 22), [...shape] as [number, number, number, number]);
      const filter = tf.tensor4d(values(tf.util.sizeFromShape([...filterShape]), 23), [...filterShape] as [number, number, number, number]);
      const conv = (a: tf.Tensor) => conv2dTrainable(a as tf.Tensor4D, filter, options);
      const weights = tf.tensor4d(values(conv(x).size, 24), conv(x).shape);
      return [tf.grad((a: tf.Tensor) => tf.sum(tf.mul(conv(a), weights)))(x)];
    };
    const [gpu] = await valuesOn('webgpu', run);
    const [cpu] = await valuesOn('cpu', run);
    expect(relativeDifference(gpu!, cpu!)).toBeLessThan(1e-5);
  });

  // Channels below one lane block (5), over two blocks (70); rows in one part and in many.
  it.each([
    [[2, 9, 13, 5]],
    [[2, 40, 42, 70]],
    [[1, 64, 80, 16]],
  ] as const)('PReLU gradients of input and per-channel slope (fused programs) match cpu for %j', async (shape) => {
    const run = () => {
      const size = tf.util.sizeFromShape([...shape]);
      const x = tf.tensor4d(values(size, 16), [...shape]);
      const alpha = tf.tensor1d(values(shape[3], 17, 0.2, 0.25));
      const weights = tf.tensor4d(values(size, 18), [...shape]);
      return tf.grads((a: tf.Tensor, s: tf.Tensor) => tf.sum(tf.mul(tf.prelu(a, s), weights)))([x, alpha]);
    };
    const gpu = await valuesOn('webgpu', run);
    const cpu = await valuesOn('cpu', run);
    expect(gpu.map((g) => g.length)).toEqual(cpu.map((c) => c.length));
    gpu.forEach((g, i) => expect(relativeDifference(g, cpu[i]!), ['dx', 'dalpha'][i]).toBeLessThan(1e-5));
  });

  it('ReLU and ReLU6 gradients (one program each) match cpu, at the bounds 0 and 6 too', async () => {
    const run = () => {
      // Values in [-8, 8) and the bounds exactly.
      const x = tf.concat([tf.tensor1d(values(997, 19, 8)), tf.tensor1d([0, 6, -0, 6.000001, 5.999999])]);
      const weights = tf.tensor1d(values(x.size, 20));
      return [tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.relu(a), weights)))(x), tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.relu6(a), weights)))(x)];
    };
    const gpu = await valuesOn('webgpu', run);
    const cpu = await valuesOn('cpu', run);
    gpu.forEach((g, i) => expect(relativeDifference(g, cpu[i]!), ['relu', 'relu6'][i]).toBe(0));
  });

  it('linear combinations of two and three tensors match cpu', async () => {
    const run = () => {
      const scalars = new ScalarCache();
      const t = [1, 2, 3].map((seed) => tf.tensor3d(values(5 * 7 * 9, seed), [5, 7, 9]));
      const out = [linearCombination([[t[0]!, 0.9], [t[1]!, -0.25]], scalars), linearCombination([[t[0]!, 1], [t[1]!, 1e-4], [t[2]!, 0.9]], scalars)];
      scalars.dispose();
      return out;
    };
    const gpu = await valuesOn('webgpu', run);
    const cpu = await valuesOn('cpu', run);
    gpu.forEach((g, i) => expect(relativeDifference(g, cpu[i]!), `combination ${i}`).toBeLessThan(1e-6));
  });

  it('SGD with momentum and weight decay: three updates give the cpu parameters', async () => {
    const run = () => {
      const parameters = new Map<string, tf.Variable>([
        ['w', tf.variable(tf.tensor2d(values(48, 21), [6, 8]), true, 'sgd-w')],
        ['b', tf.variable(tf.tensor1d(values(8, 22)), true, 'sgd-b')],
      ]);
      const optimizer = new SgdOptimizer({ momentum: 0.9, weightDecay: 1e-4 });
      for (let step = 0; step < 3; step++) {
        const gradients = new Map([...parameters].map(([name, v], i) => [name, tf.tensor(values(v.size, 30 + 2 * step + i), v.shape)]));
        optimizer.apply(parameters, gradients, 0.05, new Map([['b', 2]]));
        tf.dispose([...gradients.values()]);
      }
      const out = [...parameters.values()].map((v) => tf.clone(v));
      optimizer.dispose();
      tf.dispose([...parameters.values()]);
      return out;
    };
    const gpu = await valuesOn('webgpu', run);
    const cpu = await valuesOn('cpu', run);
    gpu.forEach((g, i) => expect(relativeDifference(g, cpu[i]!), `parameter ${i}`).toBeLessThan(1e-6));
  });

  // Channels: fewer than a warp (3), odd (11), two channel blocks, the second partly empty (96);
  // rows: one part (40), many parts (3000, 12 parts of 250).
  it.each([
    [40, 3],
    [3000, 3],
    [700, 11],
    [2100, 96],
  ])('shifted channel sums (shifted, unshifted, a row window), the centred affine map and the channel mean match cpu for %i rows x %i channels', async (rows, channels) => {
    const gpu = await channelPasses('webgpu', rows, channels);
    const cpu = await channelPasses('cpu', rows, channels);
    expect(gpu.map((g, i) => g.length === cpu[i]!.length)).not.toContain(false);
    gpu.forEach((g, i) => expect(relativeDifference(g, cpu[i]!), `output ${i}`).toBeLessThan(1e-5));
  });

  it('split the rows into parts of at least 256 within 2048 workgroups', () => {
    expect(channelSumParts(40, 1)).toBe(1);
    expect(channelSumParts(3000, 1)).toBe(12);
    expect(channelSumParts(1 << 20, 1)).toBe(2048);
    expect(channelSumParts(1 << 20, 16)).toBe(128);
  });

  it('train-mode batch norm: output, statistics and the gradients of input, gamma and beta match cpu', async () => {
    const shape = [2, 9, 13, 11] as const;
    const run = () => {
      const x = tf.tensor4d(values(2 * 9 * 13 * 11, 9, 1.5, 0.7), [...shape]);
      const gamma = tf.tensor1d(values(11, 10, 1, 1));
      const beta = tf.tensor1d(values(11, 11));
      const weights = tf.tensor4d(values(2 * 9 * 13 * 11, 12), [...shape]);
      const { y, mean, variance } = batchNormTrain(x, { gamma, beta, eps: 1e-5 });
      const loss = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(batchNormTrain(a as tf.Tensor4D, { gamma: g as tf.Tensor1D, beta: b as tf.Tensor1D, eps: 1e-5 }).y, weights));
      return [y, mean, variance, ...tf.grads(loss)([x, gamma, beta])];
    };
    const gpu = await valuesOn('webgpu', run);
    const cpu = await valuesOn('cpu', run);
    const names = ['y', 'mean', 'variance', 'dx', 'dgamma', 'dbeta'];
    gpu.forEach((g, i) => expect(relativeDifference(g, cpu[i]!), names[i]).toBeLessThan(1e-4));
  });
});
