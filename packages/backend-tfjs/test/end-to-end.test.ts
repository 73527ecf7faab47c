import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import {
  createContainer,
  register as registerCore,
  vidsegConfigSchema,
  writeSafetensors,
  type DependencyContainer,
} from '@vidseg/core';
import { register as registerData } from '@vidseg/data';
import { register as registerFlow } from '@vidseg/flow';
import { register as registerLosses } from '@vidseg/losses';
import { buildTiny, initializeParameters, register as registerModels } from '@vidseg/models';
import { describe, expect, it } from 'vitest';
import { register } from '../src/register.js';
import { buildTrainingRun } from '../src/train/build-training-run.js';
import { afterEachStep } from './after-each-step.js';

/**
 * The real packages together, on wasm: the zoo's `tiny` model, the data package's synthetic clips
 * with exact flow, cross-entropy plus the temporal loss from `@vidseg/losses`, and mIoU and TC
 * with the `exact` flow estimator.
 */
function fullContainer(): DependencyContainer {
  const container = createContainer();
  for (const add of [registerCore, registerModels, registerLosses, registerData, registerFlow, register]) add(container);
  return container;
}

describe('training with the real plugins on wasm', { timeout: 600_000 }, () => {
  it('trains the zoo tiny model with cross-entropy and the temporal loss on synthetic clips, then evaluates mIoU, TC and VC_2', async () => {
    const container = fullContainer();
    const config = vidsegConfigSchema.parse({
      seed: 3,
      backend: { type: 'wasm' },
      model: { type: 'tiny', classes: 'camvid', width: 8 },
      data: {
        train: { type: 'synthetic', split: 'train', clips: 3, framesPerClip: 4, size: [48, 64] },
        val: { type: 'synthetic', split: 'val', clips: 1, framesPerClip: 4, size: [48, 64] },
        sampler: { mode: 'pair', gaps: [1, -1] },
      },
      flow: { type: 'exact' },
      losses: [
        { type: 'cross-entropy', weight: 1 },
        { type: 'temporal', weight: 0.1 },
      ],
      eval: { metrics: [{ type: 'miou' }, { type: 'tc' }, { type: 'vc', n: 2 }] },
      train: { steps: 40, batchSize: 2, lr: 0.05, checkpointEvery: 0, schedule: { warmupSteps: 5 }, inputSize: [48, 64] },
    });
    const reports: { loss: number; terms: Record<string, number>; live: number }[] = [];
    const trainer = await buildTrainingRun({ config, container, hooks: [afterEachStep((r) => reports.push({ loss: r.loss, terms: { ...r.terms }, live: r.liveTensors }))] });
    expect(tf.getBackend()).toBe('wasm');
    const summary = await trainer.run();
    await trainer.dispose();
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const losses = reports.map((r) => r.loss);
    expect(Object.keys(reports[0]!.terms)).toEqual(['losses[0]:cross-entropy', 'losses[1]:temporal']);
    expect(reports.every((r) => r.terms['losses[1]:temporal']! >= 0 && Number.isFinite(r.terms['losses[1]:temporal']!))).toBe(true);
    expect(mean(losses.slice(-10))).toBeLessThan(0.8 * mean(losses.slice(0, 10)));
    expect(reports[39]!.live).toBe(reports[9]!.live);
    const values = summary.evaluation!.values;
    expect(values.miou).toBeGreaterThan(0);
    expect(values.tc).toBeGreaterThan(0);
    expect(values.tc).toBeLessThanOrEqual(1);
    // 4 labelled frames per val clip: 3 windows of 2 frames.
    expect(values.vc2Windows).toBe(3);
    expect(values.vc2).toBeGreaterThan(0);
    expect(values.vc2).toBeLessThanOrEqual(1);
  });
});

describe('distillation with the real plugins on wasm', { timeout: 600_000 }, () => {
  it('trains a student with pixel-wise and pair-wise-frame distillation from a frozen zoo teacher loaded from a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vidseg-distill-'));
    try {
      const teacherOptions = { classes: 'camvid', width: 12, features: true } as const;
      await writeFile(join(dir, 'teacher.safetensors'), writeSafetensors(initializeParameters(buildTiny(teacherOptions).graph, 9)));
      const config = vidsegConfigSchema.parse({
        seed: 5,
        backend: { type: 'wasm' },
        model: { type: 'tiny', classes: 'camvid', width: 8, features: true },
        teacher: { type: 'zoo', model: { type: 'tiny', ...teacherOptions }, weights: join(dir, 'teacher.safetensors') },
        data: { train: { type: 'synthetic', split: 'train', clips: 2, framesPerClip: 3, size: [32, 48] }, sampler: { mode: 'pair', gaps: [1, -1] } },
        flow: { type: 'exact' },
        losses: [
          { type: 'cross-entropy', weight: 1 },
          { type: 'pixel-wise', weight: 0.5 },
          { type: 'pair-wise-frame', weight: 0.5 },
        ],
        train: { steps: 8, batchSize: 2, lr: 0.02, checkpointEvery: 0, inputSize: [32, 48] },
      });
      const container = fullContainer();
      const reports: { terms: Record<string, number>; live: number }[] = [];
      const trainer = await buildTrainingRun({ config, container, hooks: [afterEachStep((r) => reports.push({ terms: { ...r.terms }, live: r.liveTensors }))] });
      await trainer.run();
      await trainer.dispose();
      expect(Object.keys(reports[0]!.terms)).toEqual(['losses[0]:cross-entropy', 'losses[1]:pixel-wise', 'losses[2]:pair-wise-frame']);
      for (const report of reports) for (const value of Object.values(report.terms)) expect(Number.isFinite(value) && value >= 0).toBe(true);
      // Pixel-wise KL between two different networks is positive.
      expect(reports[0]!.terms['losses[1]:pixel-wise']).toBeGreaterThan(0);
      expect(reports[7]!.live).toBe(reports[2]!.live);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
