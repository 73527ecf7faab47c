import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipInputs, featureOutputs } from '../../test/clip-inputs.js';
import { expectClose, numericGradient, scalarValue, tfGradient } from '../../test/gradient-check.js';
import { Nhwc, randomValues } from '../../test/nhwc.js';
import { referenceAffinity, referenceMse, referencePool } from '../../test/reference/affinity-reference.js';
import { referenceResizeAlignCorners } from '../../test/reference/resize-reference.js';
import { BACKENDS, useBackend } from '../../test/tf-setup.js';
import { PairWiseDistiller, pairWiseOptions } from './pair-wise-distiller.js';
import { PairWiseFrameDistiller, pairWiseFrameOptions } from './pair-wise-frame-distiller.js';

const STUDENT_SHAPE = [2, 4, 6, 3] as const;
const TEACHER_SHAPE = [2, 4, 6, 5] as const;
const frames = [0, 1, 2];
const studentValues = frames.map((f) => randomValues(2 * 4 * 6 * 3, 100 + f));
const teacherValues = frames.map((f) => randomValues(2 * 4 * 6 * 5, 200 + f));

/** Builds the clip with frame `target`'s student features replaced by `x` (the other frames' from `values` of `shape`). */
function withStudent(x: tf.Tensor, target: number, shape: readonly number[] = STUDENT_SHAPE, values = studentValues) {
  const student = frames.map((f) => featureOutputs(f === target ? x : tf.tensor(values[f]!, [...shape])));
  const teacher = frames.map((f) => featureOutputs(tf.tensor4d(teacherValues[f]!, [...TEACHER_SHAPE])));
  return clipInputs(target, student, teacher);
}

function pooled(values: readonly number[][], shape: readonly [number, number, number, number], f: number, x?: ArrayLike<number>) {
  return referencePool(new Nhwc(shape, x ?? values[f]!), 2);
}

describe.each(BACKENDS)('pair-wise distillers on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('pair-wise-frame: the float64 reference (mean over neighbours of MSE of cross-frame affinities) to 1e-5, with its gradient', async () => {
    const target = 1;
    const distiller = new PairWiseFrameDistiller(pairWiseFrameOptions.parse({ poolSize: 2 }));
    const reference = (x: ArrayLike<number>) => {
      const s = (f: number) => pooled(studentValues, STUDENT_SHAPE, f, f === target ? x : undefined);
      const t = (f: number) => pooled(teacherValues, TEACHER_SHAPE, f);
      const terms = [0, 2].map((f) => referenceMse(referenceAffinity(s(target), s(f)), referenceAffinity(t(target), t(f))));
      return (terms[0]! + terms[1]!) / 2;
    };
    const loss = (x: tf.Tensor) => distiller.compute(withStudent(x, target));
    const x = tf.tensor4d(studentValues[target]!, [...STUDENT_SHAPE]);
    expect(Math.abs((await scalarValue(loss(x))) - reference(studentValues[target]!))).toBeLessThan(1e-5);
    expectClose(await tfGradient(loss, x), numericGradient(reference, studentValues[target]!), 1e-5);
    x.dispose();
  });

  it('pair-wise-frame: resizes smaller student features to the teacher (align-corners) before pooling, with its gradient', async () => {
    // Student 3x4 against teacher 4x6: the student's maps are upsampled to 4x6, then both pooled to 2x3.
    const target = 1;
    const smallShape = [2, 3, 4, 3] as const;
    const smallValues = frames.map((f) => randomValues(2 * 3 * 4 * 3, 300 + f));
    const distiller = new PairWiseFrameDistiller(pairWiseFrameOptions.parse({ poolSize: 2 }));
    const upsampled = (f: number, x?: ArrayLike<number>) =>
      referencePool(referenceResizeAlignCorners(new Nhwc(smallShape, x ?? smallValues[f]!), TEACHER_SHAPE[1], TEACHER_SHAPE[2]), 2);
    const reference = (x: ArrayLike<number>) => {
      const s = (f: number) => upsampled(f, f === target ? x : undefined);
      const t = (f: number) => pooled(teacherValues, TEACHER_SHAPE, f);
      const terms = [0, 2].map((f) => referenceMse(referenceAffinity(s(target), s(f)), referenceAffinity(t(target), t(f))));
      return (terms[0]! + terms[1]!) / 2;
    };
    const loss = (x: tf.Tensor) => distiller.compute(withStudent(x, target, smallShape, smallValues));
    const x = tf.tensor4d(smallValues[target]!, [...smallShape]);
    const value = await scalarValue(loss(x));
    expect(value).toBeGreaterThan(1e-3);
    expect(Math.abs(value - reference(smallValues[target]!))).toBeLessThan(1e-5);
    expectClose(await tfGradient(loss, x), numericGradient(reference, smallValues[target]!), 1e-5);
    x.dispose();
  });

  it("pair-wise-frame: refuses, before any work, an affinity over maxAffinityElements on the teacher's grid", async () => {
    // Teacher 4x6 at pool size 1: 24 positions, batch 2, so 2 x 24 x 24 = 1152 elements (the
    // student's smaller 2x3 grid does not count: it is resized to the teacher's first).
    const student = frames.map((f) => featureOutputs(tf.tensor4d(randomValues(2 * 2 * 3 * 3, 400 + f), [2, 2, 3, 3])));
    const teacher = frames.map((f) => featureOutputs(tf.tensor4d(teacherValues[f]!, [...TEACHER_SHAPE])));
    const clip = clipInputs(1, student, teacher);
    const refused = new PairWiseFrameDistiller(pairWiseFrameOptions.parse({ poolSize: 1, maxAffinityElements: 1151 }));
    const before = tf.memory().numTensors;
    expect(() => refused.compute(clip)).toThrow(UsageError);
    expect(() => refused.compute(clip)).toThrow(
      /^pair-wise-frame \(frame 1\): the affinity would have 2 x 24 x 24 = 1152 elements \(pooled grid 4x6\), over the budget of 1151\n {2}hint: raise poolSize/,
    );
    expect(tf.memory().numTensors).toBe(before);
    const allowed = new PairWiseFrameDistiller(pairWiseFrameOptions.parse({ poolSize: 1, maxAffinityElements: 1152 }));
    expect(await scalarValue(allowed.compute(clip))).toBeGreaterThan(0);
    tf.dispose([...student, ...teacher].map((o) => o.logits));
  });

  it('pair-wise (intra-frame): the float64 reference (weighted sum of self-affinity MSEs) to 1e-5, with its gradient', async () => {
    const target = 1;
    const distiller = new PairWiseDistiller(pairWiseOptions.parse({ poolSize: 2, neighbourWeight: 0.4 }));
    const reference = (x: ArrayLike<number>) =>
      frames.reduce((sum, f) => {
        const s = pooled(studentValues, STUDENT_SHAPE, f, f === target ? x : undefined);
        const t = pooled(teacherValues, TEACHER_SHAPE, f);
        return sum + (f === target ? 1 : 0.4) * referenceMse(referenceAffinity(s, s), referenceAffinity(t, t));
      }, 0);
    const loss = (x: tf.Tensor) => distiller.compute(withStudent(x, target));
    const x = tf.tensor4d(studentValues[target]!, [...STUDENT_SHAPE]);
    expect(Math.abs((await scalarValue(loss(x))) - reference(studentValues[target]!))).toBeLessThan(1e-5);
    expectClose(await tfGradient(loss, x), numericGradient(reference, studentValues[target]!), 1e-5);
    x.dispose();
  });

  it("uses the cosine's own normaliser, unlike the reference's Cos_Attn_no (norms of the other frame's positions)", async () => {
    // f_t = (1, 0) and (4, 0) at two positions; f_t' = (1, 0) and (1, 0): all cosines are 1. The
    // reference divides f_t(i).f_t'(j) by |f_t'(i)| |f_t(j)|, giving e.g. 4 / (1 * 1) = 4 at (1, 0).
    const current = tf.tensor4d([1, 0, 4, 0], [1, 1, 2, 2]);
    const neighbour = tf.tensor4d([1, 0, 1, 0], [1, 1, 2, 2]);
    const distiller = new PairWiseFrameDistiller(pairWiseFrameOptions.parse({ poolSize: 1, source: 'logits' }));
    const inputs = clipInputs(0, [{ logits: current }, { logits: neighbour }], [{ logits: current }, { logits: neighbour }]);
    expect(await scalarValue(distiller.compute(inputs))).toBe(0);
    const ours = referenceAffinity(new Nhwc([1, 1, 2, 2], [1, 0, 4, 0]), new Nhwc([1, 1, 2, 2], [1, 0, 1, 0]));
    expect(ours.flat(2)).toEqual([1, 1, 1, 1]);
    const ft = [[1, 0], [4, 0]];
    const ftPrime = [[1, 0], [1, 0]];
    const norm = (v: number[]) => Math.hypot(...v);
    const referenceCode = (i: number, j: number) => (ft[i]![0]! * ftPrime[j]![0]! + ft[i]![1]! * ftPrime[j]![1]!) / (norm(ftPrime[i]!) * norm(ft[j]!));
    expect([referenceCode(0, 0), referenceCode(0, 1), referenceCode(1, 0), referenceCode(1, 1)]).toEqual([1, 0.25, 4, 1]);
    tf.dispose([current, neighbour]);
  });

  it('says what is missing: teacher outputs, features, a neighbour', () => {
    const f = tf.zeros([1, 4, 4, 2]);
    const distiller = new PairWiseFrameDistiller(pairWiseFrameOptions.parse({}));
    expect(() => distiller.compute(clipInputs(0, [featureOutputs(f), featureOutputs(f)]))).toThrow(
      'pair-wise-frame: needs teacher outputs for each of the 2 frames, got none',
    );
    expect(() => distiller.compute(clipInputs(0, [{ logits: f }, { logits: f }], [{ logits: f }, { logits: f }]))).toThrow(
      /pair-wise-frame \(frame 0\): teacher features has no feature map/,
    );
    expect(() => distiller.compute(clipInputs(0, [featureOutputs(f)], [featureOutputs(f)]))).toThrow(UsageError);
    f.dispose();
  });
});
