import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/**
 * Central differences of a float64 function: the numerical gradient that analytic (tfjs)
 * gradients are checked against.
 */
export function numericGradient(f: (x: Float64Array) => number, x: ArrayLike<number>, epsilon = 1e-6): Float64Array {
  const point = Float64Array.from(x);
  const gradient = new Float64Array(point.length);
  for (let i = 0; i < point.length; i++) {
    const saved = point[i]!;
    point[i] = saved + epsilon;
    const up = f(point);
    point[i] = saved - epsilon;
    const down = f(point);
    point[i] = saved;
    gradient[i] = (up - down) / (2 * epsilon);
  }
  return gradient;
}

/** The tfjs gradient of the scalar `f` at `x` (float32), as plain numbers. */
export async function tfGradient(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor): Promise<Float32Array> {
  const gradient = tf.grad(f)(x);
  const values = (await gradient.data()) as Float32Array;
  gradient.dispose();
  return values;
}

/** Expects every element of `actual` within `tolerance` (absolute, scaled by max(1, |expected|)) of `expected`. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let worstAt = -1;
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!));
    if (!(error <= worst)) {
      worst = error;
      worstAt = i;
    }
  }
  expect(worst, `worst error at ${worstAt}: ${actual[worstAt]} vs ${expected[worstAt]}`).toBeLessThanOrEqual(tolerance);
}

/** The single value of a scalar tensor; the tensor is disposed. */
export async function scalarValue(scalar: tf.Tensor): Promise<number> {
  const value = (await scalar.data())[0]!;
  scalar.dispose();
  return value;
}
