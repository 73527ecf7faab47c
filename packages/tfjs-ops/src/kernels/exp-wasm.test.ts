import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../test/backends.js';
import { uniformValues } from '../../test/random.js';
import { simdKernelsFor } from './simd-module.js';

/** Relative error of float32 `actual` against float64 Math.exp(x), for results above the subnormals. */
function worstRelativeError(xs: Float32Array, actual: Float32Array): number {
  let worst = 0;
  xs.forEach((x, i) => {
    const expected = Math.exp(x);
    if (expected >= 1.1754944e-38 && Number.isFinite(expected)) worst = Math.max(worst, Math.abs(actual[i]! - expected) / expected);
  });
  return worst;
}

describe('Exp on wasm', () => {
  beforeAll(() => useBackend('wasm'));

  it('runs the SIMD kernel on this runtime', () => {
    expect(simdKernelsFor(tf.backend())).not.toBeNull();
  });

  it('is within 1.5e-7 of the exact value over the whole float32 range, 4-lane blocks and a 3-value tail', () => {
    // 200,003 values: a grid from -88 to 88.7 plus random ones, so the tail loop runs too.
    const grid = Array.from({ length: 100_000 }, (_, i) => -88 + (176.7 * i) / 99_999);
    const xs = Float32Array.from([...grid, ...uniformValues(100_003, 91, -30, 30)]);
    const actual = tf.exp(tf.tensor1d(xs)).dataSync() as Float32Array;
    // Measured 7.9e-8 (float32 rounding alone is up to 6e-8); a 2e-5 relative change in one
    // polynomial coefficient gives 2.7e-7.
    expect(worstRelativeError(xs, actual)).toBeLessThan(1.5e-7);
  });

  it('gives exact and limit values: 1 at 0, +Infinity past ln(FLT_MAX), 0 at -Infinity, subnormals, NaN', () => {
    const xs = [0, -0, 1, 88.72283, 88.7229, 89, Infinity, -87.5, -100, -103.9, -104, -1000, -Infinity, NaN];
    const actual = Array.from(tf.exp(tf.tensor1d(xs)).dataSync());
    expect(actual[0]).toBe(1);
    expect(actual[1]).toBe(1);
    expect(actual[2]).toBeCloseTo(Math.E, 6);
    expect(actual[3]).toBeGreaterThan(3.4e38);
    expect(Number.isFinite(actual[3])).toBe(true);
    expect(actual.slice(4, 7)).toEqual([Infinity, Infinity, Infinity]);
    // Subnormal results: float32 keeps fewer bits there, so compare with Math.fround of the exact value.
    for (const [i, x] of [[7, -87.5], [8, -100], [9, -103.9]] as const) expect(Math.abs(actual[i]! - Math.fround(Math.exp(x)))).toBeLessThanOrEqual(Math.fround(Math.exp(x)) * 1e-2 + 1.5e-45);
    expect(actual.slice(10, 13)).toEqual([0, 0, 0]);
    expect(actual[13]).toBeNaN();
  });

  it('leaves int32 tensors to the shipped kernel', () => {
    expect(Array.from(tf.exp(tf.tensor1d([0, 1, 2], 'int32')).dataSync())).toEqual([1, Math.fround(Math.E), Math.fround(Math.E * Math.E)].map((v) => expect.closeTo(v, 5)));
  });
});
