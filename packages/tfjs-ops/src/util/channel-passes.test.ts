import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, useBackend } from '../../test/backends.js';
import { relativeMaxError } from '../../test/gradient-check.js';
import { uniformValues } from '../../test/random.js';
import { hasChannelKernels } from '../kernels/channel-kernels-wasm.js';
import { affineCentered, shiftedChannelSums } from './channel-passes.js';

// Channel counts: the scalar tail alone (3), SIMD alone (8), both (10). 300 rows cross the
// kernel's blocks of 128 rows.
const CHANNELS = [3, 8, 10];
const ROWS = 300;

/** Column c of a row-major [rows, channels] array, as float64. */
const column = (values: ArrayLike<number>, channels: number, c: number) => Array.from({ length: values.length / channels }, (_, r) => values[r * channels + c]!);

describe.each(BACKENDS)('channel passes on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.runIf(backend === 'wasm')('run as the SIMD kernels on wasm', () => {
    expect(hasChannelKernels()).toBe(true);
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
});
