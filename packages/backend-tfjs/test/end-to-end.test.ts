import * as tf from '@tensorflow/tfjs-core';
import { createContainer, createRunContainer, pluginRegistry, register as registerCore, vidsegConfigSchema, type ClipDataset } from '@vidseg/core';
import { register as registerData, TrainingClipSampler } from '@vidseg/data';
import { register as registerFlow } from '@vidseg/flow';
import { register as registerLosses } from '@vidseg/losses';
import { register as registerModels } from '@vidseg/models';
import { describe, expect, it } from 'vitest';
import { register } from '../src/register.js';
import { createTrainer } from '../src/train/trainer.js';

/**
 * The real packages together, on wasm: the zoo's `tiny` model, the data package's synthetic clips
 * with exact flow, cross-entropy plus the temporal loss from `@vidseg/losses`, and mIoU and TC
 * with the `exact` flow estimator.
 */
describe('training with the real plugins on wasm', () => {
  it('trains the zoo tiny model with cross-entropy and the temporal loss on synthetic clips, then evaluates mIoU and TC', async () => {
    const container = createContainer();
    for (const add of [registerCore, registerModels, registerLosses, registerData, registerFlow, register]) add(container);
    const config = vidsegConfigSchema.parse({
      seed: 3,
      backend: { type: 'wasm' },
      model: { type: 'tiny', classes: 'camvid', width: 8 },
      data: {
        train: { type: 'synthetic', split: 'train', clips: 3, framesPerClip: 4, size: [48, 64] },
        val: { type: 'synthetic', split: 'val', clips: 1, framesPerClip: 4, size: [48, 64] },
      },
      flow: { type: 'exact' },
      losses: [
        { type: 'cross-entropy', weight: 1 },
        { type: 'temporal', weight: 0.1 },
      ],
      eval: { metrics: [{ type: 'miou' }, { type: 'tc' }] },
      train: { steps: 40, batchSize: 2, lr: 0.05, checkpointEvery: 0, schedule: { warmupSteps: 5 } },
    });
    const run = createRunContainer(container, { seed: config.seed });
    const registry = pluginRegistry(run);
    const train = registry.create<ClipDataset>(run, 'dataset', config.data.train, { path: 'data.train' });
    const val = registry.create<ClipDataset>(run, 'dataset', config.data.val!, { path: 'data.val' });
    const trainer = await createTrainer({
      config,
      container,
      clips: new TrainingClipSampler(train, { mode: 'pair', gaps: [1, -1] }),
      labelSpace: { classes: train.classes, ignoreLabel: train.ignoreLabel },
      evaluation: { dataset: val },
    });
    expect(tf.getBackend()).toBe('wasm');
    const reports: { loss: number; terms: Record<string, number>; live: number }[] = [];
    trainer.on('step', (r) => reports.push({ loss: r.loss, terms: { ...r.terms }, live: r.liveTensors }));
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
  });
});
