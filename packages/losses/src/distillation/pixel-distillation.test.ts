import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, numericGradient, scalarValue, tfGradient } from '../../test/gradient-check.js';
import { Nhwc, randomValues } from '../../test/nhwc.js';
import { referencePixelKl } from '../../test/reference/kl-reference.js';
import { referenceResizeAlignCorners } from '../../test/reference/resize-reference.js';
import { BACKENDS, useBackend } from '../../test/tf-setup.js';
import { pixelDistillation, type PixelDistillationSettings } from './pixel-distillation.js';
import { PixelWiseDistiller, pixelWiseOptions } from './pixel-wise-distiller.js';
import { clipInputs } from '../../test/clip-inputs.js';

describe.each(BACKENDS)('pixelDistillation on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matches a hand computation', async () => {
    // Teacher p = (1/4, 3/4), student q = (1/2, 1/2): KL = 1/4 ln(1/2) + 3/4 ln(3/2).
    const teacher = tf.tensor4d([0, Math.log(3)], [1, 1, 1, 2]);
    const student = tf.tensor4d([1, 1], [1, 1, 1, 2]);
    const settings = { temperature: 1, scaleByTemperatureSquared: true, reduction: 'pixel' } as const;
    const kl = 0.25 * Math.log(0.5) + 0.75 * Math.log(1.5);
    expect(await scalarValue(pixelDistillation(student, teacher, settings))).toBeCloseTo(kl, 6);
    expect(await scalarValue(pixelDistillation(student, teacher, { ...settings, reduction: 'element' }))).toBeCloseTo(kl / 2, 6);
    expect(await scalarValue(pixelDistillation(teacher, teacher, settings))).toBeCloseTo(0, 6);
    tf.dispose([teacher, student]);
  });

  const cases: [string, PixelDistillationSettings, number][] = [
    ['T = 1', { temperature: 1, scaleByTemperatureSquared: true, reduction: 'pixel' }, 1],
    ['T = 4 scaled by T^2', { temperature: 4, scaleByTemperatureSquared: true, reduction: 'pixel' }, 16],
    ['T = 4 unscaled, element mean', { temperature: 4, scaleByTemperatureSquared: false, reduction: 'element' }, 1 / 5],
  ];

  it.each(cases)('equals the float64 reference (%s) to 1e-5, and so does its gradient', async (_, settings, factor) => {
    const shape = [2, 2, 3, 5] as const;
    const studentValues = randomValues(60, 3, 2);
    const teacher = new Nhwc(shape, randomValues(60, 4, 3));
    const reference = (x: ArrayLike<number>) => factor * referencePixelKl(new Nhwc(shape, x), teacher, settings.temperature);
    const student = tf.tensor4d(studentValues, [...shape]);
    const teacherTensor = tf.tensor4d(Array.from(teacher.data), [...shape]);
    const loss = (x: tf.Tensor) => pixelDistillation(x, teacherTensor, settings);
    expect(Math.abs((await scalarValue(loss(student))) - reference(studentValues))).toBeLessThan(1e-5);
    expectClose(await tfGradient(loss, student), numericGradient(reference, studentValues), 1e-5);
    tf.dispose([student, teacherTensor]);
  });

  it('resizes lower-resolution student logits to the teacher (align-corners) before comparing, with the right gradient', async () => {
    const settings = { temperature: 2, scaleByTemperatureSquared: true, reduction: 'pixel' } as const;
    const studentValues = randomValues(2 * 2 * 3 * 4, 7, 2);
    const teacher = new Nhwc([2, 3, 5, 4], randomValues(2 * 3 * 5 * 4, 8, 2));
    const reference = (x: ArrayLike<number>) =>
      4 * referencePixelKl(referenceResizeAlignCorners(new Nhwc([2, 2, 3, 4], x), 3, 5), teacher, 2);
    const student = tf.tensor4d(studentValues, [2, 2, 3, 4]);
    const teacherTensor = tf.tensor4d(Array.from(teacher.data), [2, 3, 5, 4]);
    const loss = (x: tf.Tensor) => pixelDistillation(x, teacherTensor, settings);
    expect(Math.abs((await scalarValue(loss(student))) - reference(studentValues))).toBeLessThan(1e-5);
    expectClose(await tfGradient(loss, student), numericGradient(reference, studentValues), 1e-5);
    tf.dispose([student, teacherTensor]);
  });

  it('the pixel-wise distiller adds the neighbours with their weight', async () => {
    const logits = [0, 1].map((f) => tf.tensor4d(randomValues(24, 30 + f), [1, 2, 3, 4]));
    const teacherLogits = [0, 1].map((f) => tf.tensor4d(randomValues(24, 40 + f), [1, 2, 3, 4]));
    const distiller = new PixelWiseDistiller(pixelWiseOptions.parse({ neighbourWeight: 0.4 }));
    const inputs = clipInputs(1, logits.map((l) => ({ logits: l })), teacherLogits.map((l) => ({ logits: l })));
    const settings = pixelWiseOptions.parse({});
    const perFrame = await Promise.all([0, 1].map((f) => scalarValue(pixelDistillation(logits[f]!, teacherLogits[f]!, settings))));
    expect(await scalarValue(distiller.compute(inputs))).toBeCloseTo(perFrame[1]! + 0.4 * perFrame[0]!, 6);
    expect(distiller.requires.neighbours).toBe(true);
    expect(new PixelWiseDistiller(pixelWiseOptions.parse({ neighbourWeight: 0 })).requires.neighbours).toBe(false);
    tf.dispose([...logits, ...teacherLogits]);
  });

  it('refuses different class counts, naming both shapes', () => {
    const settings = { temperature: 1, scaleByTemperatureSquared: true, reduction: 'pixel' } as const;
    expect(() => pixelDistillation(tf.zeros([1, 2, 2, 3]), tf.zeros([1, 2, 2, 4]), settings)).toThrow(UsageError);
    expect(() => pixelDistillation(tf.zeros([1, 2, 2, 3]), tf.zeros([1, 2, 2, 4]), settings)).toThrow(/\[1, 2, 2, 3\] and teacher logits \[1, 2, 2, 4\]/);
  });
});
