import * as tf from '@tensorflow/tfjs-core';
import { DataError, UsageError } from '@vidseg/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, numericGradient, scalarValue, tfGradient } from '../../test/gradient-check.js';
import { Nhwc, randomValues } from '../../test/nhwc.js';
import { referenceCrossEntropy, type ReferenceCrossEntropySettings } from '../../test/reference/cross-entropy-reference.js';
import { BACKENDS, useBackend } from '../../test/tf-setup.js';
import { assertLabelsInRange } from './check-labels.js';
import { crossEntropy } from './cross-entropy.js';

describe.each(BACKENDS)('crossEntropy on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matches a hand computation with an ignored pixel and class weights', async () => {
    // Pixel 0: logits (0, ln 3) -> p = (1/4, 3/4), label 1. Pixel 1: logits (ln 2, 0) -> p = (2/3, 1/3),
    // label 0. Pixel 2: ignored (255).
    const logits = tf.tensor4d([0, Math.log(3), Math.log(2), 0, 5, -5], [1, 1, 3, 2]);
    const labels = tf.tensor3d([1, 0, 255], [1, 1, 3], 'int32');
    const plain = await scalarValue(crossEntropy(logits, labels, { ignoreLabel: 255 }));
    expect(plain).toBeCloseTo((-Math.log(3 / 4) - Math.log(2 / 3)) / 2, 6);
    // Weights 2 (class 0) and 0.5 (class 1): (0.5 * -ln(3/4) + 2 * -ln(2/3)) / (0.5 + 2).
    const weighted = await scalarValue(crossEntropy(logits, labels, { ignoreLabel: 255, classWeights: [2, 0.5] }));
    expect(weighted).toBeCloseTo((0.5 * -Math.log(3 / 4) + 2 * -Math.log(2 / 3)) / 2.5, 6);
    tf.dispose([logits, labels]);
  });

  it('ignores a label inside the class range when it is the ignore label, and is 0 when nothing counts', async () => {
    const logits = tf.tensor4d([0, Math.log(3), Math.log(2), 0], [1, 1, 2, 2]);
    const labels = tf.tensor3d([1, 0], [1, 1, 2], 'int32');
    expect(await scalarValue(crossEntropy(logits, labels, { ignoreLabel: 0 }))).toBeCloseTo(-Math.log(3 / 4), 6);
    const none = tf.tensor3d([255, 255], [1, 1, 2], 'int32');
    expect(await scalarValue(crossEntropy(logits, none, { ignoreLabel: 255 }))).toBe(0);
    tf.dispose([logits, labels, none]);
  });

  const cases: [string, ReferenceCrossEntropySettings][] = [
    ['no OHEM', { ignoreLabel: 255 }],
    ['class weights', { ignoreLabel: 255, classWeights: [0.5, 1.5, 2, 1] }],
    ['OHEM threshold only', { ignoreLabel: 255, ohem: { threshold: 0.3, minKept: 0 } }],
    ['OHEM with minKept raising the threshold', { ignoreLabel: 255, ohem: { threshold: 0.05, minKept: 10 } }],
    ['OHEM with minKept below the threshold count', { ignoreLabel: 255, ohem: { threshold: 0.6, minKept: 3 } }],
    ['OHEM with minKept over the valid pixels', { ignoreLabel: 255, ohem: { threshold: 0.05, minKept: 1000 } }],
    ['OHEM and class weights', { ignoreLabel: 255, classWeights: [0.5, 1.5, 2, 1], ohem: { threshold: 0.2, minKept: 5 } }],
  ];

  it.each(cases)('equals the float64 reference (%s) to 1e-5, and so does its gradient', async (_, settings) => {
    const shape = [2, 3, 4, 4] as const;
    const values = randomValues(2 * 3 * 4 * 4, 11, 3);
    const labelValues = randomValues(2 * 3 * 4, 5).map((v, i) => (i % 7 === 3 ? 255 : Math.floor((v + 1) * 2)));
    const reference = (x: ArrayLike<number>) => referenceCrossEntropy(new Nhwc(shape, x), labelValues, settings);
    const logits = tf.tensor4d(values, [...shape]);
    const labels = tf.tensor3d(labelValues, [2, 3, 4], 'int32');
    const loss = (x: tf.Tensor) => crossEntropy(x, labels, settings);
    expect(Math.abs((await scalarValue(loss(logits))) - reference(values))).toBeLessThan(1e-5);
    // The OHEM cases really drop pixels (except when minKept exceeds the valid pixels).
    const plain = referenceCrossEntropy(new Nhwc(shape, values), labelValues, { ...settings, ohem: undefined });
    const selects = settings.ohem !== undefined && settings.ohem.minKept < 1000;
    expect(Math.abs(reference(values) - plain) > 1e-3).toBe(selects);
    // OHEM's selection is piecewise constant: away from its switching points the gradient is that
    // of the weighted mean over the kept pixels, which central differences see as well.
    expectClose(await tfGradient(loss, logits), numericGradient(reference, values), 1e-5);
    tf.dispose([logits, labels]);
  });

  it('names the tensor when shapes or dtypes are wrong', () => {
    const logits = tf.zeros([1, 2, 2, 3]);
    expect(() => crossEntropy(logits, tf.zeros([1, 2, 3], 'int32'), { ignoreLabel: 255 })).toThrow(
      'cross-entropy labels must have shape [N, H, W] (matching the logits) = [1, 2, 2], got [1, 2, 3]',
    );
    expect(() => crossEntropy(logits, tf.zeros([1, 2, 2]), { ignoreLabel: 255 })).toThrow('cross-entropy labels must be int32, got float32');
    expect(() => crossEntropy(logits, tf.zeros([1, 2, 2], 'int32'), { ignoreLabel: 255, classWeights: [1, 1] })).toThrow(UsageError);
  });

  it('reports label values outside the classes and the ignore label', () => {
    const labels = tf.tensor3d([0, 2, 255, 7, 9, 1], [1, 2, 3], 'int32');
    expect(() => assertLabelsInRange(labels, 3, 255, 'labels')).toThrow(DataError);
    expect(() => assertLabelsInRange(labels, 3, 255, 'labels')).toThrow(/labels: 2 pixel\(s\) have label values outside the 3 classes and the ignore label 255 \(e\.g\. 9\)/);
    expect(() => assertLabelsInRange(labels, 10, 255, 'labels')).not.toThrow();
    labels.dispose();
  });
});
