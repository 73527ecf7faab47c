import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRELU_GRADIENT, RELU6_GRADIENT } from '../src/kernels/activation-gradients-wasm.js';
import { hasSimdKernel } from '../src/kernels/simd-module.js';
import { BACKENDS, useBackend } from './backends.js';
import { expectGradientsMatchNumerical } from './gradient-check.js';
import { uniformValues } from './random.js';

// The zoo's remaining ops need no code here: tfjs's own kernels and gradients train them. These
// checks confirm that on both backends.
const SHAPE = [2, 3, 4, 3];
/** Values in [-8, 8] at least 0.1 away from the kinks of ReLU (0) and ReLU6 (6). */
const X = Float32Array.from(uniformValues(72, 111, -8, 8), (v) => (Math.abs(v) < 0.1 ? v + 0.2 : Math.abs(v - 6) < 0.1 ? v + 0.2 : v));
const input = (values: Float32Array = X) => ({ values, shape: SHAPE });

describe.each(BACKENDS)('stock tfjs ops train on %s', (backend) => {
  beforeAll(() => useBackend(backend));
  const linear = { step: 1e-3, tolerance: 1e-3 };

  it.each([
    ['relu', (x: tf.Tensor) => tf.relu(x)],
    ['relu6', (x: tf.Tensor) => tf.relu6(x)],
    ['sigmoid', (x: tf.Tensor) => tf.sigmoid(x)],
    ['tanh', (x: tf.Tensor) => tf.tanh(x)],
    ['global average pool', (x: tf.Tensor) => tf.mean(x, [1, 2], true)],
  ] as const)('%s matches numerical gradients', (_name, op) => {
    expectGradientsMatchNumerical(op, [input()], linear);
  });

  it('prelu (per channel and shared slope) matches numerical gradients for x and the slope', () => {
    expectGradientsMatchNumerical((x, a) => tf.prelu(x, a), [input(), { values: uniformValues(3, 112), shape: [3] }], linear);
    expectGradientsMatchNumerical((x, a) => tf.prelu(x, a), [input(), { values: uniformValues(1, 113), shape: [1] }], linear);
  });

  it('add and mul with channel broadcasting, and concat along channels, match numerical gradients', () => {
    const other = { values: uniformValues(72, 114), shape: SHAPE };
    const channel = { values: uniformValues(3, 115), shape: [3] };
    expectGradientsMatchNumerical((x, b) => tf.add(x, b), [input(), channel], linear);
    expectGradientsMatchNumerical((x, y) => tf.mul(x, y), [input(), other], { step: 0.5, tolerance: 1e-5 });
    expectGradientsMatchNumerical((x, y) => tf.concat([x, y], 3), [input(), other], linear);
  });

  it('dropout: a seed fixes the mask, kept values are scaled by 1 / (1 - rate), and the gradient follows', () => {
    const x = tf.tensor(X, SHAPE);
    const a = tf.dropout(x, 0.5, undefined, 7).dataSync();
    expect(Array.from(tf.dropout(x, 0.5, undefined, 7).dataSync())).toEqual(Array.from(a));
    expect(Array.from(tf.dropout(x, 0.5, undefined, 8).dataSync())).not.toEqual(Array.from(a));
    a.forEach((v, i) => expect([0, 2 * X[i]!]).toContainEqual(expect.closeTo(v, 5)));
    const dropped = Array.from(a).filter((v) => v === 0).length;
    expect(dropped).toBeGreaterThan(20);
    expect(dropped).toBeLessThan(52);
    expectGradientsMatchNumerical((input) => tf.dropout(input, 0.5, undefined, 7), [input()], linear);
  });
});

describe.each(BACKENDS)('the replaced PReLU gradient on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('equals the formula of tfjs own gradient (per channel, shared and [1, 1, C] slopes; zeros get the slope)', () => {
    const x = tf.tensor(Float32Array.from(X, (v, i) => (i % 9 === 0 ? 0 : v)), SHAPE);
    const dy = tf.tensor(uniformValues(72, 116), SHAPE);
    for (const alphaShape of [[3], [1], [1, 1, 3]]) {
      const alpha = tf.tensor(uniformValues(alphaShape.reduce((a, b) => a * b), 117), alphaShape);
      const [dx, dAlpha] = tf.grads((a, b) => tf.prelu(a, b))([x, alpha], dy);
      // tfjs's formula: mask = x > 0; dx = mask ? dy : dy * alpha; dalpha = sum(mask ? 0 : dy * x).
      const mask = tf.greater(x, 0);
      const expectedDx = tf.where(mask, dy, tf.mul(dy, alpha));
      const full = tf.where(mask, tf.zerosLike(dy), tf.mul(dy, x));
      const axes = tf.backend_util.getReductionAxes(alphaShape, SHAPE);
      const expectedDAlpha = tf.reshape(tf.sum(full, axes), alphaShape);
      expect(Array.from(dx!.dataSync())).toEqual(Array.from(expectedDx.dataSync()));
      Array.from(dAlpha!.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expectedDAlpha.dataSync()[i]!, 4));
    }
  });

  it('equals the formula on 6 channels (SIMD and tail on wasm) over 160 rows (more than one block of 128)', () => {
    const shape = [2, 10, 8, 6];
    const x = tf.tensor(Float32Array.from(uniformValues(960, 118, -2, 2), (v, i) => (i % 7 === 0 ? 0 : v)), shape);
    const dy = tf.tensor(uniformValues(960, 119), shape);
    const alpha = tf.tensor(uniformValues(6, 120), [6]);
    const [dx, dAlpha] = tf.grads((a, b) => tf.prelu(a, b))([x, alpha], dy);
    const mask = tf.greater(x, 0);
    expect(Array.from(dx!.dataSync())).toEqual(Array.from(tf.where(mask, dy, tf.mul(dy, alpha)).dataSync()));
    const expectedDAlpha = tf.sum(tf.reshape(tf.where(mask, tf.zerosLike(dy), tf.mul(dy, x)), [160, 6]), 0).dataSync();
    Array.from(dAlpha!.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expectedDAlpha[i]!, 4));
  });

  it.runIf(backend === 'wasm')('runs as the SIMD kernel on wasm', () => {
    expect(hasSimdKernel(PRELU_GRADIENT)).toBe(true);
  });
});

describe.each(BACKENDS)('the replaced Relu6 gradient on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it("passes dy exactly where 0 < x <= 6, as tfjs's own gradient, the kinks included", () => {
    const x = tf.tensor([-1, 0, 1e-7, 3, 6, 6.0001, 100, -100]);
    const dy = tf.tensor([1.5, 2, 3, -4, 5, 6, 7, 8]);
    const [dx] = tf.grads((a) => tf.relu6(a))([x], dy);
    expect(Array.from(dx!.dataSync())).toEqual([0, 0, 3, -4, 5, 0, 0, 0]);
    // 11 values: two SIMD groups and a scalar tail on wasm.
    const longer = tf.tensor([-1, 0, 1e-7, 3, 6, 6.0001, 100, -100, 0, 6, 2]);
    const [dxLonger] = tf.grads((a) => tf.relu6(a))([longer], tf.fill([11], 2));
    expect(Array.from(dxLonger!.dataSync())).toEqual([0, 0, 2, 2, 2, 0, 0, 0, 0, 2, 2]);
  });

  it.runIf(backend === 'wasm')('runs as the SIMD kernel on wasm', () => {
    expect(hasSimdKernel(RELU6_GRADIENT)).toBe(true);
  });
});
