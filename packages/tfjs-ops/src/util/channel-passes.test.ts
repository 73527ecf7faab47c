import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, useBackend } from '../../test/backends.js';
import { relativeMaxError } from '../../test/gradient-check.js';
import { uniformValues } from '../../test/random.js';
import { AFFINE_CENTERED, SHIFTED_CHANNEL_SUMS } from '../kernels/channel-kernels-wasm.js';
import { hasSimdKernel } from '../kernels/simd-module.js';
import { affineCentered, shiftedChannelSums, windowProductSums } from './channel-passes.js';

// Channel counts: the scalar tail alone (3), SIMD alone (8), both (10). 300 rows cross the
// kernel's blocks of 128 rows.
const CHANNELS = [3, 8, 10];
const ROWS = 300;

/** Column c of a row-major [rows, channels] array, as float64. */
const column = (values: ArrayLike<number>, channels: number, c: number) => Array.from({ length: values.length / channels }, (_, r) => values[r * channels + c]!);

describe.each(BACKENDS)('channel passes on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.runIf(backend === 'wasm')('run as the SIMD kernels on wasm', () => {
    expect(hasSimdKernel(SHIFTED_CHANNEL_SUMS) && hasSimdKernel(AFFINE_CENTERED)).toBe(true);
  });

  it.each(CHANNELS)('shiftedChannelSums over %i channels matches float64 sums', (channels) => {
    const a = uniformValues(ROWS * channels, 61, -1, 3);
    const b = uniformValues(ROWS * channels, 62);
    const shiftA = uniformValues(channels, 63);
    const shiftB = uniformValues(channels, 64);
    const sums = shiftedChannelSums(tf.tensor3d(a, [2, ROWS / 2, channels]), tf.tensor3d(b, [2, ROWS / 2, channels]), tf.tensor1d(shiftA), tf.tensor1d(shiftB));
    expect(sums.shape).toEqual([2, channels]);
    const expected = [0, 1].flatMap((kind) =>
      Array.from({ length: channels }, (_, c) => {
        const as = column(a, channels, c).map((v) => v - shiftA[c]!);
        const bs = column(b, channels, c).map((v) => v - shiftB[c]!);
        return as.reduce((total, v, r) => total + (kind === 0 ? v : v * bs[r]!), 0);
      }),
    );
    expect(relativeMaxError(sums.dataSync(), expected)).toBeLessThan(1e-5);
  });

  it('shiftedChannelSums without shifts sums a and a * b', () => {
    const a = uniformValues(ROWS * 8, 65);
    const sums = shiftedChannelSums(tf.tensor2d(a, [ROWS, 8]), tf.tensor2d(a, [ROWS, 8])).dataSync();
    const expected = [0, 1].flatMap((kind) => Array.from({ length: 8 }, (_, c) => column(a, 8, c).reduce((t, v) => t + (kind === 0 ? v : v * v), 0)));
    expect(relativeMaxError(sums, expected)).toBeLessThan(1e-5);
  });

  it.each(CHANNELS)('affineCentered over %i channels matches the formula in float64', (channels) => {
    const a = uniformValues(ROWS * channels, 71);
    const b = uniformValues(ROWS * channels, 72, 2, 4);
    const [scaleA, scaleB, shiftB, offset] = [73, 74, 75, 76].map((seed) => uniformValues(channels, seed));
    const vector = (values: Float32Array) => tf.tensor1d(values);
    const coefficients = { scaleB: vector(scaleB!), shiftB: vector(shiftB!), offset: vector(offset!) };
    const shape: [number, number] = [ROWS, channels];
    const withA = affineCentered(tf.tensor2d(a, shape), tf.tensor2d(b, shape), { ...coefficients, scaleA: vector(scaleA!) });
    const withoutA = affineCentered(tf.tensor2d(a, shape), tf.tensor2d(b, shape), coefficients);
    expect(withA.shape).toEqual(shape);
    const centered = Array.from(b, (v, i) => scaleB![i % channels]! * (v - shiftB![i % channels]!) + offset![i % channels]!);
    expect(relativeMaxError(withoutA.dataSync(), centered)).toBeLessThan(1e-6);
    expect(relativeMaxError(withA.dataSync(), centered.map((v, i) => v + scaleA![i % channels]! * a[i]!))).toBeLessThan(1e-6);
  });

  it.each(CHANNELS)('windowProductSums over %i channels sums the products of two row windows', (channels) => {
    const a = uniformValues(200 * channels, 81);
    const b = uniformValues(260 * channels, 82);
    const window = { aRow: 30, bRow: 95, rows: 150 };
    const sums = windowProductSums(tf.tensor2d(a, [200, channels]), tf.tensor3d(b, [2, 130, channels]), window);
    const expected = Array.from({ length: channels }, (_, c) =>
      Array.from({ length: window.rows }, (_, r) => a[(window.aRow + r) * channels + c]! * b[(window.bRow + r) * channels + c]!).reduce((t, v) => t + v, 0),
    );
    expect(sums.shape).toEqual([channels]);
    expect(relativeMaxError(sums.dataSync(), expected)).toBeLessThan(1e-5);
  });

  it.runIf(backend === 'wasm')('refuses a window past the end of either tensor (the SIMD kernel reads raw memory)', () => {
    const a = tf.zeros([10, 4]);
    const b = tf.zeros([12, 4]);
    expect(() => windowProductSums(a, b, { aRow: 0, bRow: 3, rows: 10 })).toThrow(/and \[3, 13\) of b \[12, 4\]/);
    expect(() => windowProductSums(a, b, { aRow: 1, bRow: 0, rows: 10 })).toThrow(/rows \[1, 11\) of a/);
    expect(windowProductSums(a, b, { aRow: 0, bRow: 2, rows: 10 }).shape).toEqual([4]);
  });
});
