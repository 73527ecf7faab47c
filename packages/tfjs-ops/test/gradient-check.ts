import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { uniformValues } from './random.js';

/** A function of tensors whose gradient is checked. */
export type TensorFunction = (...inputs: tf.Tensor[]) => tf.Tensor;

/** One input of a gradient check: its values and shape. */
export interface CheckInput {
  readonly values: Float32Array;
  readonly shape: number[];
}

/** Options of `expectGradientsMatchNumerical`. */
export interface GradientCheckOptions {
  /** Finite-difference step. Linear functions are exact for any step. */
  readonly step: number;
  /** Allowed error relative to max(1, largest gradient entry). */
  readonly tolerance: number;
  /** At most this many entries per input are checked (spread evenly); default 48. */
  readonly entriesPerInput?: number;
}

/**
 * Checks tfjs's gradients of the scalar sum(f(inputs) * r) (r a fixed random weighting, so every
 * output counts differently) against central finite differences computed in float64 from f's
 * outputs, on the current backend, for every input.
 */
export function expectGradientsMatchNumerical(f: TensorFunction, inputs: readonly CheckInput[], options: GradientCheckOptions): void {
  const tensors = inputs.map((input) => tf.tensor(input.values, input.shape));
  const outputShape = tf.tidy(() => f(...tensors).shape);
  const weights = uniformValues(outputShape.reduce((a, b) => a * b, 1), 97);
  const weighted = (...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), tf.tensor(weights, outputShape)));
  const gradients = tf.tidy(() => tf.grads(weighted)(tensors));
  const analytic = gradients.map((g) => Float32Array.from(g.dataSync()));
  tf.dispose(gradients);
  const objective = (values: Float32Array[]): number =>
    tf.tidy(() => {
      const output = f(...values.map((v, i) => tf.tensor(v, inputs[i]!.shape))).dataSync();
      let total = 0;
      for (let i = 0; i < output.length; i++) total += output[i]! * weights[i]!;
      return total;
    });
  inputs.forEach((input, which) => {
    const values = inputs.map((i) => Float32Array.from(i.values));
    const stride = Math.max(1, Math.floor(input.values.length / (options.entriesPerInput ?? 48)));
    const gradient = analytic[which]!;
    const scale = Math.max(1, ...Array.from(gradient, Math.abs));
    for (let e = 0; e < input.values.length; e += stride) {
      const original = input.values[e]!;
      values[which]![e] = original + options.step;
      const plus = objective(values);
      values[which]![e] = original - options.step;
      const minus = objective(values);
      values[which]![e] = original;
      const numerical = (plus - minus) / (2 * options.step);
      const error = Math.abs(numerical - gradient[e]!) / scale;
      if (error > options.tolerance) {
        expect.fail(`input ${which} entry ${e}: analytic ${gradient[e]} vs numerical ${numerical} (error ${error.toExponential(2)} of scale ${scale.toFixed(3)})`);
      }
    }
  });
  tf.dispose(tensors);
}

/** Largest absolute difference between two equally long arrays, relative to max(1, largest |expected|). */
export function relativeMaxError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let scale = 1;
  let error = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]!));
    error = Math.max(error, Math.abs(actual[i]! - expected[i]!));
  }
  return error / scale;
}
