import * as tf from '@tensorflow/tfjs-core';
import { SeededRandom, UsageError, silentProgress } from '@vidseg/core';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipInputs, featureOutputs } from '../../test/clip-inputs.js';
import { FakeTeacher, randomClips } from '../../test/fake-teacher.js';
import { expectClose, numericGradient, scalarValue, tfGradient } from '../../test/gradient-check.js';
import { Nhwc, randomValues } from '../../test/nhwc.js';
import { referenceAffinity, referencePool } from '../../test/reference/affinity-reference.js';
import { fusedWeights, referenceConvLstm } from '../../test/reference/convlstm-reference.js';
import { BACKENDS, useBackend } from '../../test/tf-setup.js';
import { ConvLstmCell } from './convlstm/convlstm-cell.js';
import { saveConvLstm } from './convlstm/convlstm-weights-file.js';
import { MultiFrameDistiller, multiFrameOptions } from './multi-frame-distiller.js';

const STUDENT_SHAPE = [2, 4, 4, 3] as const;
const TEACHER_SHAPE = [2, 4, 4, 2] as const;
const frames = [0, 1, 2];
const studentValues = frames.map((f) => randomValues(96, 300 + f));
const teacherValues = frames.map((f) => randomValues(64, 400 + f));

function clip(x: tf.Tensor | undefined, target = 1) {
  const student = frames.map((f) => featureOutputs(f === target && x ? x : tf.tensor4d(studentValues[f]!, [...STUDENT_SHAPE])));
  const teacher = frames.map((f) => featureOutputs(tf.tensor4d(teacherValues[f]!, [...TEACHER_SHAPE])));
  return clipInputs(target, student, teacher);
}

/** Self-affinity images [N, P, P, 1] of pooled maps, in float64. */
function affinityImage(values: ArrayLike<number>, shape: readonly [number, number, number, number]): Nhwc {
  const pooled = referencePool(new Nhwc(shape, values), 2);
  const affinity = referenceAffinity(pooled, pooled);
  const positions = affinity[0]!.length;
  return new Nhwc([shape[0], positions, positions, 1], affinity.flat(2));
}

describe.each(BACKENDS)('MultiFrameDistiller on %s', (backend) => {
  let dir: string;
  beforeAll(async () => {
    await useBackend(backend);
    dir = await mkdtemp(join(tmpdir(), 'vidseg-mf-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('equals the float64 reference (ConvLSTM over self-affinity images, MSE of h and c) to 1e-5, with its gradient', async () => {
    const cell = ConvLstmCell.random({ inputChannels: 1, hiddenChannels: 4, kernelSize: 3 }, new SeededRandom(8));
    const named = await cell.toNamedTensors();
    await saveConvLstm(join(dir, `given-${backend}.safetensors`), cell, {});
    cell.dispose();
    const distiller = new MultiFrameDistiller(multiFrameOptions.parse({ poolSize: 2, weights: `given-${backend}.safetensors` }), { seed: 0, baseDir: dir });
    await distiller.prepare({ teacher: new FakeTeacher(), progress: silentProgress });
    const weights = { ...fusedWeights(named), inputChannels: 1, hidden: 4, kernel: 3 };
    const teacherState = referenceConvLstm(frames.map((f) => affinityImage(teacherValues[f]!, TEACHER_SHAPE)), weights);
    const reference = (x: ArrayLike<number>) => {
      const state = referenceConvLstm(frames.map((f) => affinityImage(f === 1 ? x : studentValues[f]!, STUDENT_SHAPE)), weights);
      const mse = (a: Nhwc, b: Nhwc) => a.data.reduce((s, v, i) => s + (v - b.data[i]!) ** 2, 0) / a.data.length;
      return mse(state.h, teacherState.h) + mse(state.c, teacherState.c);
    };
    const loss = (x: tf.Tensor) => distiller.compute(clip(x));
    const x = tf.tensor4d(studentValues[1]!, [...STUDENT_SHAPE]);
    const value = await scalarValue(loss(x));
    expect(value).toBeGreaterThan(1e-4);
    expect(Math.abs(value - reference(studentValues[1]!))).toBeLessThan(1e-5);
    expectClose(await tfGradient(loss, x), numericGradient(reference, studentValues[1]!), 1e-5);
    x.dispose();
    distiller.dispose();
  });

  it('random-frozen works without preparation and depends only on the seed; pretrained refuses to compute unprepared', async () => {
    const random = (seed: number) => new MultiFrameDistiller(multiFrameOptions.parse({ poolSize: 2, init: 'random-frozen' }), { seed });
    const [a, b, c] = [random(1), random(1), random(2)];
    const value = await scalarValue(a.compute(clip(undefined)));
    expect(await scalarValue(b.compute(clip(undefined)))).toBe(value);
    expect(await scalarValue(c.compute(clip(undefined)))).not.toBe(value);
    const unprepared = new MultiFrameDistiller(multiFrameOptions.parse({ poolSize: 2 }), { seed: 1 });
    expect(() => unprepared.compute(clip(undefined))).toThrow(UsageError);
    expect(() => unprepared.compute(clip(undefined))).toThrow(/the ConvLSTM is not ready; call prepare\(\) before training/);
    expect(unprepared.requires).toEqual({ labels: false, neighbours: true, teacher: true, features: true, triplet: true });
    [a, b, c, unprepared].forEach((d) => d.dispose());
  });
});

// Pre-training differentiates through convolution filters: on wasm this needs the Conv2DBackpropFilter
// kernel that registerTrainingKernels() adds.
describe.each(BACKENDS)('MultiFrameDistiller pre-training on %s', (backend) => {
  let dir: string;
  beforeAll(async () => {
    await useBackend(backend);
    dir = await mkdtemp(join(tmpdir(), 'vidseg-mf-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('pre-trains the ConvLSTM on teacher clips, saves it in the cache folder, and a second run reuses it', async () => {
    const cacheDir = join(dir, 'cache');
    const options = multiFrameOptions.parse({ poolSize: 2, pretraining: { steps: 6 } });
    const teacher = new FakeTeacher();
    const first = new MultiFrameDistiller(options, { seed: 4 });
    await first.prepare({ teacher, progress: silentProgress, cacheDir, clips: randomClips(4, 3, 8) });
    expect(teacher.batches).toBe(6); // two passes over 4 clips, stopped after 6 steps
    expect(teacher.framesPredicted).toBe(18);
    const files = await readdir(cacheDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^multi-frame-convlstm-[0-9a-f]{16}\.safetensors$/);

    const second = new MultiFrameDistiller(options, { seed: 4 });
    const noClips = () => {
      throw new Error('the cached ConvLSTM should have been used');
    };
    await second.prepare({ teacher, progress: silentProgress, cacheDir, clips: noClips });
    expect(teacher.batches).toBe(6);
    expect(await scalarValue(second.compute(clip(undefined)))).toBe(await scalarValue(first.compute(clip(undefined))));
    // Another seed is another pre-training, hence another cache entry.
    const third = new MultiFrameDistiller(options, { seed: 5 });
    await expect(third.prepare({ teacher, progress: silentProgress, cacheDir })).rejects.toThrow(
      'multi-frame: pre-training the ConvLSTM needs training clips, and the trainer gave none',
    );
    [first, second, third].forEach((d) => d.dispose());
  });
});
