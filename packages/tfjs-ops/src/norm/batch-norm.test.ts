import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, useBackend } from '../../test/backends.js';
import { expectGradientsMatchNumerical, relativeMaxError } from '../../test/gradient-check.js';
import { uniformValues } from '../../test/random.js';
import { batchNormEval, batchNormTrain } from './batch-norm.js';

const SHAPE: [number, number, number, number] = [2, 4, 5, 3];
const EPS = 1e-3;
const X = Float32Array.from(uniformValues(2 * 4 * 5 * 3, 51), (v, i) => 2 * v + (i % 3)); // channel offsets 0, 1, 2
const GAMMA = uniformValues(3, 52, 0.5, 1.5);
const BETA = uniformValues(3, 53);

/** Per-channel mean and biased variance in float64. */
function channelStatistics(values: Float32Array, channels: number): { mean: number[]; variance: number[] } {
  const count = values.length / channels;
  const mean = Array.from({ length: channels }, (_, c) => values.filter((_, i) => i % channels === c).reduce((a, b) => a + b, 0) / count);
  const variance = mean.map((m, c) => values.filter((_, i) => i % channels === c).reduce((a, v) => a + (v - m) ** 2, 0) / count);
  return { mean, variance };
}

describe.each(BACKENDS)('batchNormTrain on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('normalises by the batch mean and biased variance and reports them', () => {
    const { mean, variance } = channelStatistics(X, 3);
    const result = batchNormTrain(tf.tensor4d(X, SHAPE), { gamma: tf.tensor1d(GAMMA), beta: tf.tensor1d(BETA), eps: EPS });
    const expected = Array.from(X, (v, i) => ((v - mean[i % 3]!) / Math.sqrt(variance[i % 3]! + EPS)) * GAMMA[i % 3]! + BETA[i % 3]!);
    expect(relativeMaxError(result.y.dataSync(), expected)).toBeLessThan(2e-6);
    expect(relativeMaxError(result.mean.dataSync(), mean)).toBeLessThan(1e-6);
    expect(relativeMaxError(result.variance.dataSync(), variance)).toBeLessThan(1e-6);
    expect(result.count).toBe(40);
  });

  it('matches numerical gradients for x, gamma and beta', () => {
    expectGradientsMatchNumerical(
      (x, gamma, beta) => batchNormTrain(x as tf.Tensor4D, { gamma: gamma as tf.Tensor1D, beta: beta as tf.Tensor1D, eps: EPS }).y,
      [
        { values: X, shape: SHAPE },
        { values: GAMMA, shape: [3] },
        { values: BETA, shape: [3] },
      ],
      { step: 1e-2, tolerance: 2e-3, entriesPerInput: 120 },
    );
  });

  it('matches tfjs autodiff of the plain formula', () => {
    const weights = tf.tensor4d(uniformValues(120, 54), SHAPE);
    const gradients = (normalize: (x: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D) => tf.Tensor) =>
      tf.grads((x, g, b) => tf.sum(tf.mul(normalize(x as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D), weights)))([
        tf.tensor4d(X, SHAPE),
        tf.tensor1d(GAMMA),
        tf.tensor1d(BETA),
      ]);
    const plain = gradients((x, g, b) => {
      const mean = tf.mean(x, [0, 1, 2]);
      const centered = tf.sub(x, mean);
      return tf.add(tf.mul(tf.mul(centered, tf.rsqrt(tf.add(tf.mean(tf.square(centered), [0, 1, 2]), EPS))), g), b);
    });
    const ours = gradients((x, g, b) => batchNormTrain(x, { gamma: g, beta: b, eps: EPS }).y);
    ours.forEach((gradient, i) => expect(relativeMaxError(gradient.dataSync(), plain[i]!.dataSync())).toBeLessThan(1e-5));
  });

  it('matches tfjs autodiff on 6 channels (SIMD and tail on wasm) and 2 x 12 x 13 positions', () => {
    const shape: [number, number, number, number] = [2, 12, 13, 6];
    const size = 2 * 12 * 13 * 6;
    const x = () => tf.tensor4d(Float32Array.from(uniformValues(size, 55), (v, i) => 3 * v + (i % 6) - 2), shape);
    const weights = tf.tensor4d(uniformValues(size, 56), shape);
    const [gamma, beta] = [uniformValues(6, 57, 0.5, 1.5), uniformValues(6, 58)].map((v) => tf.tensor1d(v));
    const gradients = (normalize: (x: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D) => tf.Tensor) => {
      const f = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => normalize(x as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D);
      return [f(x(), gamma!, beta!), ...tf.grads((x, g, b) => tf.sum(tf.mul(f(x, g, b), weights)))([x(), gamma!, beta!])];
    };
    const plain = gradients((x, g, b) => tf.batchNorm(x, tf.mean(x, [0, 1, 2]), tf.mean(tf.square(tf.sub(x, tf.mean(x, [0, 1, 2]))), [0, 1, 2]), b, g, EPS));
    const ours = gradients((x, g, b) => batchNormTrain(x, { gamma: g, beta: b, eps: EPS }).y);
    ours.forEach((value, i) => expect(relativeMaxError(value.dataSync(), plain[i]!.dataSync())).toBeLessThan(1e-5));
  });

  it('leaves no tensor behind in a training step', () => {
    const x = tf.tensor4d(X, SHAPE);
    const gamma = tf.variable(tf.tensor1d(GAMMA));
    const beta = tf.variable(tf.tensor1d(BETA));
    const step = () =>
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => {
          const { y, mean, variance } = batchNormTrain(x, { gamma, beta, eps: EPS });
          expect(mean.isDisposed || variance.isDisposed).toBe(false);
          return tf.sum(tf.square(y));
        });
        tf.dispose(grads);
      });
    step();
    const before = tf.memory().numTensors;
    step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, gamma, beta]);
  });
});

describe.each(BACKENDS)('batchNormEval on %s', (backend) => {
  beforeAll(() => useBackend(backend));
  const mean = uniformValues(3, 55);
  const variance = uniformValues(3, 56, 0.5, 2);

  it('normalises by the given statistics', () => {
    const y = batchNormEval(tf.tensor4d(X, SHAPE), {
      gamma: tf.tensor1d(GAMMA),
      beta: tf.tensor1d(BETA),
      mean: tf.tensor1d(mean),
      variance: tf.tensor1d(variance),
      eps: EPS,
    });
    const expected = Array.from(X, (v, i) => ((v - mean[i % 3]!) / Math.sqrt(variance[i % 3]! + EPS)) * GAMMA[i % 3]! + BETA[i % 3]!);
    expect(relativeMaxError(y.dataSync(), expected)).toBeLessThan(2e-6);
  });

  it('matches numerical gradients for x, gamma and beta', () => {
    expectGradientsMatchNumerical(
      (x, gamma, beta) =>
        batchNormEval(x as tf.Tensor4D, {
          gamma: gamma as tf.Tensor1D,
          beta: beta as tf.Tensor1D,
          mean: tf.tensor1d(mean),
          variance: tf.tensor1d(variance),
          eps: EPS,
        }),
      [
        { values: X, shape: SHAPE },
        { values: GAMMA, shape: [3] },
        { values: BETA, shape: [3] },
      ],
      { step: 0.5, tolerance: 1e-4 },
    );
  });

  it('names a parameter of the wrong shape', () => {
    expect(() =>
      batchNormEval(tf.tensor4d(X, SHAPE), { gamma: tf.ones([4]), beta: tf.zeros([3]), mean: tf.zeros([3]), variance: tf.ones([3]), eps: EPS }),
    ).toThrow(/gamma must have shape \[3\]/);
  });
});
