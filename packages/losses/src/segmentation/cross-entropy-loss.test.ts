import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipInputs } from '../../test/clip-inputs.js';
import { expectClose, numericGradient, scalarValue, tfGradient } from '../../test/gradient-check.js';
import { Nhwc, randomValues } from '../../test/nhwc.js';
import { referenceCrossEntropy } from '../../test/reference/cross-entropy-reference.js';
import { referenceResizeAlignCorners } from '../../test/reference/resize-reference.js';
import { BACKENDS, useBackend } from '../../test/tf-setup.js';
import { CrossEntropyLoss, crossEntropyOptions } from './cross-entropy-loss.js';

describe.each(BACKENDS)('cross-entropy loss term on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  const lowShape = [2, 3, 4, 4] as const;
  const mainValues = randomValues(96, 21, 3);
  const auxValues = randomValues(96, 22, 3);
  const labelValues = randomValues(2 * 5 * 7, 23).map((v, i) => (i % 9 === 4 ? 255 : Math.floor((v + 1) * 2)));
  const atLabels = (values: ArrayLike<number>) => referenceResizeAlignCorners(new Nhwc(lowShape, values), 5, 7);

  it('upsamples low-resolution logits to the labels (align-corners) and adds the weighted aux head; OHEM only on the main head', async () => {
    const options = crossEntropyOptions.parse({ auxWeight: 0.4, ohem: { threshold: 0.3, minKept: 8 }, classWeights: [1, 2, 0.5, 1] });
    const loss = new CrossEntropyLoss(options);
    const labels = tf.tensor3d(labelValues, [2, 5, 7], 'int32');
    const aux = tf.tensor4d(auxValues, [...lowShape]);
    const weights = { ignoreLabel: 255, classWeights: [1, 2, 0.5, 1] };
    const reference = (x: ArrayLike<number>) =>
      referenceCrossEntropy(atLabels(x), labelValues, { ...weights, ohem: { threshold: 0.3, minKept: 8 } }) +
      0.4 * referenceCrossEntropy(atLabels(auxValues), labelValues, weights);
    const compute = (x: tf.Tensor) => loss.compute(clipInputs(0, [{ logits: x, auxLogits: aux }], undefined, { labels }));
    const logits = tf.tensor4d(mainValues, [...lowShape]);
    expect(Math.abs((await scalarValue(compute(logits))) - reference(mainValues))).toBeLessThan(1e-5);
    expectClose(await tfGradient(compute, logits), numericGradient(reference, mainValues), 1e-5);
    tf.dispose([labels, aux, logits]);
  });

  it('fails clearly without labels or with label values outside the classes', () => {
    const loss = new CrossEntropyLoss(crossEntropyOptions.parse({}));
    const logits = tf.zeros([1, 2, 2, 3]);
    expect(() => loss.compute(clipInputs(0, [{ logits }]))).toThrow(UsageError);
    const labels = tf.tensor3d([0, 1, 2, 3], [1, 2, 2], 'int32');
    expect(() => loss.compute(clipInputs(0, [{ logits }], undefined, { labels }))).toThrow(/cross-entropy labels: 1 pixel\(s\) have label values outside the 3 classes/);
    const unchecked = new CrossEntropyLoss(crossEntropyOptions.parse({ checkLabels: false }));
    expect(() => unchecked.compute(clipInputs(0, [{ logits }], undefined, { labels })).dispose()).not.toThrow();
    tf.dispose([logits, labels]);
  });
});
