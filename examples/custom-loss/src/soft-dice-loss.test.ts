import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { ConfigError, createContainer, createRunContainer, pluginRegistry, TOKENS, UsageError, type LabelSpace, type LossInputs } from '@vidseg/core';
import { registerTfjsGradients } from '@vidseg/tfjs-ops';
import { beforeAll, describe, expect, it } from 'vitest';
import { register } from './register.js';
import { SoftDiceLoss, softDiceOptions } from './soft-dice-loss.js';

const CAMVID_LIKE: LabelSpace = { classes: ['a', 'b', 'c', 'd', 'e'], ignoreLabel: 255 };

const inputsOf = (logits: tf.Tensor, labels: tf.Tensor): LossInputs<tf.Tensor> => ({ target: 0, images: [], student: [{ logits }], labels });

/** The loss in float64, written from its definition: the reference for values and numerical gradients. */
function referenceSoftDice(logits: ArrayLike<number>, labels: ArrayLike<number>, classes: number, ignoreLabel: number, smooth: number): number {
  const overlap = new Float64Array(classes);
  const total = new Float64Array(classes);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label < 0 || label >= classes || label === ignoreLabel) continue;
    const row = Array.from({ length: classes }, (_, c) => logits[i * classes + c]!);
    const largest = Math.max(...row);
    const exps = row.map((z) => Math.exp(z - largest));
    const sum = exps.reduce((a, b) => a + b, 0);
    for (let c = 0; c < classes; c++) total[c]! += exps[c]! / sum;
    overlap[label]! += exps[label]! / sum;
    total[label]! += 1;
  }
  let dice = 0;
  for (let c = 0; c < classes; c++) dice += (2 * overlap[c]! + smooth) / (total[c]! + smooth);
  return 1 - dice / classes;
}

/** Central differences of `f` at `x`. */
function numericGradient(f: (x: Float64Array) => number, x: ArrayLike<number>, epsilon = 1e-6): Float64Array {
  const point = Float64Array.from(x);
  return point.map((saved, i) => {
    point[i] = saved + epsilon;
    const up = f(point);
    point[i] = saved - epsilon;
    const down = f(point);
    point[i] = saved;
    return (up - down) / (2 * epsilon);
  });
}

/** Deterministic values in [-2, 2). */
const pseudoRandom = (count: number, seed: number) => Array.from({ length: count }, (_, i) => 4 * ((Math.sin(seed * 7919 + i * 104729) * 43758.5453) % 1 + 1) / 2 - 2);

describe.each(['cpu', 'wasm'])('soft-dice on %s', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
    await registerTfjsGradients();
  });

  it('matches a computation by hand', async () => {
    // Two classes, three pixels. Pixel 0: logits (0, ln 3), softmax (1/4, 3/4), label 1. Pixel 1:
    // logits (ln 3, 0), softmax (3/4, 1/4), label 0. Pixel 2: label 255 (ignored), any logits.
    // Class 0: overlap 3/4, sum p = 1/4 + 3/4 = 1, sum y = 1; class 1 the same by symmetry.
    // smooth 1:   dice = (2 * 3/4 + 1) / (1 + 1 + 1)   = 5/6, loss = 1 - 5/6 = 1/6.
    // smooth 0.5: dice = (2 * 3/4 + 0.5) / (1 + 1 + 0.5) = 0.8, loss = 0.2.
    const logits = tf.tensor4d([0, Math.log(3), Math.log(3), 0, 50, -50], [1, 1, 3, 2]);
    const labels = tf.tensor3d([1, 0, 255], [1, 1, 3], 'int32');
    for (const [smooth, expected] of [[1, 1 / 6], [0.5, 0.2]] as const) {
      const loss = new SoftDiceLoss(softDiceOptions.parse({ smooth }), CAMVID_LIKE).compute(inputsOf(logits, labels));
      expect((await loss.data())[0]).toBeCloseTo(expected, 6);
      loss.dispose();
    }
    tf.dispose([logits, labels]);
  });

  it('matches the float64 reference, and its gradient matches numerical differentiation', async () => {
    const [n, h, w, k] = [2, 3, 4, 5];
    const values = pseudoRandom(n * h * w * k, 1);
    // Class ids 0..4, the ignore label 4 (given in the options), and 255 (outside the classes).
    const labelValues = Array.from({ length: n * h * w }, (_, i) => (i % 7 === 3 ? 255 : (i * 3) % k));
    const loss = new SoftDiceLoss(softDiceOptions.parse({ smooth: 0.5, ignoreLabel: 4 }), CAMVID_LIKE);
    const labels = tf.tensor3d(labelValues, [n, h, w], 'int32');
    const logits = tf.tensor4d(values, [n, h, w, k]);
    const reference = (x: ArrayLike<number>) => referenceSoftDice(x, labelValues, k, 4, 0.5);

    const value = loss.compute(inputsOf(logits, labels));
    expect(Math.abs((await value.data())[0]! - reference(values))).toBeLessThan(1e-6);
    const gradient = tf.grad((x: tf.Tensor) => loss.compute(inputsOf(x, labels)))(logits);
    const analytic = await gradient.data();
    const numeric = numericGradient(reference, values);
    const worst = Math.max(...numeric.map((g, i) => Math.abs(g - analytic[i]!)));
    expect(Math.max(...numeric.map(Math.abs)), 'the gradient should not be trivially zero').toBeGreaterThan(1e-3);
    expect(worst).toBeLessThan(1e-6);
    // Pixels that are ignored (label 4 or 255) get no gradient.
    for (const [i, label] of labelValues.entries()) {
      if (label === 4 || label === 255) expect(Array.from(analytic.slice(i * k, (i + 1) * k)).every((g) => g === 0)).toBe(true);
    }
    tf.dispose([value, gradient, labels, logits]);
  });

  it('says what is wrong with missing labels or logits of another size', () => {
    const loss = new SoftDiceLoss(softDiceOptions.parse({}), CAMVID_LIKE);
    const logits = tf.zeros([1, 4, 4, 5]);
    const labels = tf.zeros([1, 2, 2], 'int32');
    expect(() => loss.compute({ target: 0, images: [], student: [{ logits }] })).toThrow(UsageError);
    expect(() => loss.compute(inputsOf(logits, labels))).toThrow('soft-dice: expected logits [N, H, W, K] and labels [N, H, W] of the same size, got [1, 4, 4, 5] and [1, 2, 2]');
    tf.dispose([logits, labels]);
  });
});

describe('soft-dice registration', () => {
  const setup = (labelSpace: LabelSpace) => {
    const container = createContainer();
    register(container);
    const run = createRunContainer(container, { seed: 0 });
    run.register(TOKENS.labelSpace, { useValue: labelSpace });
    return { run, registry: pluginRegistry(container) };
  };

  it('is built by the registry from a config entry, with defaults and the run label space injected', async () => {
    await tf.setBackend('cpu');
    // The run's ignore label is class 0 here: the injected loss must skip class-0 pixels.
    const { run, registry } = setup({ classes: ['a', 'b', 'c'], ignoreLabel: 0 });
    const built = registry.create(run, 'loss', { type: 'soft-dice' }, { path: 'losses[1]' });
    if (!(built instanceof SoftDiceLoss)) throw new Error('expected the registry to build a SoftDiceLoss');
    const logits = tf.tensor4d(pseudoRandom(12, 2), [1, 2, 2, 3]);
    const labels = tf.tensor3d([0, 1, 2, 0], [1, 2, 2], 'int32');
    const value = built.compute(inputsOf(logits, labels));
    expect((await value.data())[0]).toBeCloseTo(referenceSoftDice(await logits.data(), [0, 1, 2, 0], 3, 0, 1), 6);
    expect(registry.describe('loss').find((d) => d.name === 'soft-dice')?.packageName).toBe('@vidseg/example-custom-loss');
    tf.dispose([logits, labels, value]);
  });

  it('rejects unknown or invalid options at their config path', () => {
    const { registry } = setup(CAMVID_LIKE);
    expect(() => registry.validate('loss', { type: 'soft-dice', smoth: 1 }, { path: 'losses[1]' })).toThrow(
      'losses[1].smoth: unknown option "smoth" for loss "soft-dice" (did you mean "smooth"?); options: smooth, ignoreLabel',
    );
    expect(() => registry.validate('loss', { type: 'soft-dice', smooth: 0 }, { path: 'losses[1]' })).toThrow(ConfigError);
  });
});
