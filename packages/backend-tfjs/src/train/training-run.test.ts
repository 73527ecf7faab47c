import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { DataError, pluginRegistry, TOKENS, vidsegConfigSchema, type ClipSampler, type TrainingHook, type VidsegConfig } from '@vidseg/core';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterEachStep } from '../../test/after-each-step.js';
import { SquaresSampler } from '../../test/synthetic-clips.js';
import { testContainer } from '../../test/test-plugins.js';
import { buildTrainingRun } from './build-training-run.js';
import type { TrainingRun } from './training-run.js';

function config(train: Record<string, unknown>, extra: Record<string, unknown> = {}): VidsegConfig {
  return vidsegConfigSchema.parse({
    seed: 7,
    backend: { type: 'cpu' },
    model: { type: 'test-net', width: 8 },
    data: { train: { type: 'squares' } },
    losses: [{ type: 'test-cross-entropy', weight: 1 }],
    eval: { metrics: [{ type: 'miou' }] },
    train: { batchSize: 2, lr: 0.05, weightDecay: 1e-4, logEvery: 1, checkpointEvery: 0, ...train },
    ...extra,
  });
}

async function trainer(train: Record<string, unknown>, options: { runDir?: string; resume?: boolean; evaluation?: boolean; hooks?: TrainingHook[] } = {}): Promise<TrainingRun> {
  return buildTrainingRun({
    config: config(train, options.evaluation ? { data: { train: { type: 'squares' }, val: { type: 'squares', size: 8 } } } : {}),
    container: testContainer(),
    ...(options.runDir ? { runDir: options.runDir } : {}),
    ...(options.resume ? { resume: true } : {}),
    ...(options.hooks ? { hooks: options.hooks } : {}),
  });
}

describe('a training run on cpu', { timeout: 600_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vidseg-trainer-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('lowers the loss and raises mIoU well above chance in 200 steps on synthetic clips', { timeout: 600_000 }, async () => {
    const losses: number[] = [];
    const run = await trainer({ steps: 200, batchSize: 4, schedule: { warmupSteps: 10 } }, { evaluation: true, hooks: [afterEachStep((report) => losses.push(report.loss))] });
    const before = (await run.evaluate())!.values.miou!;
    const summary = await run.run();
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(summary.steps).toBe(200);
    expect(mean(losses.slice(-20))).toBeLessThan(0.3 * mean(losses.slice(0, 20)));
    // Chance level for 3 classes is about 1/3 pixel accuracy and a mean IoU well below that.
    expect(summary.evaluation!.values.miou).toBeGreaterThan(0.8);
    expect(summary.evaluation!.values.miou).toBeGreaterThan(before + 0.3);
    await run.dispose();
  });

  it('gives the same losses for the same config, and resuming from a checkpoint continues exactly', { timeout: 600_000 }, async () => {
    const train = { steps: 6, batchSize: 2, accumulate: 2, schedule: { warmupSteps: 2 }, checkpointEvery: 3 };
    const reference: number[] = [];
    const straight = await trainer(train, { hooks: [afterEachStep((r) => reference.push(r.loss))] });
    await straight.run();
    await straight.dispose();

    const repeated: number[] = [];
    const again = await trainer(train, { hooks: [afterEachStep((r) => repeated.push(r.loss))] });
    await again.run();
    await again.dispose();
    expect(repeated).toEqual(reference);

    const runDir = join(dir, 'resume');
    const resumed: number[] = [];
    const stopAtThree = afterEachStep((r, run) => {
      resumed.push(r.loss);
      if (r.step === 3) run.stop();
    });
    const first = await trainer(train, { runDir, hooks: [stopAtThree] });
    const half = await first.run();
    expect(half).toMatchObject({ steps: 3, stopped: true });
    await first.dispose();
    const second = await trainer(train, { runDir, resume: true, hooks: [afterEachStep((r) => resumed.push(r.loss))] });
    expect(second.step).toBe(3);
    await second.run();
    await second.dispose();
    expect(resumed).toEqual(reference);
  });

  it('reports a clip that fails while drawn ahead as its own DataError at the step that needs it', async () => {
    const bad = new DataError('cannot decode /data/train-5.png: truncated PNG');
    const squares = new SquaresSampler(16, 16, 24);
    let calls = 0;
    // The fifth clip is the first of step 3 (batches of 2); it is drawn ahead during step 2.
    const clips: ClipSampler = { size: squares.size, sample: async (position, random) => (++calls === 5 ? Promise.reject(bad) : squares.sample(position, random)) };
    const container = testContainer();
    container.register(TOKENS.clipSamplerFactory, { useValue: () => clips });
    const run = await buildTrainingRun({ config: config({ steps: 5 }), container });
    await run.trainStep();
    await run.trainStep();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toBe(5);
    await expect(run.trainStep()).rejects.toBe(bad);
    expect(run.step).toBe(2);
    await run.dispose();
  });

  it('leaks no tensors: the live tensor count after step 5 equals that after step 25', { timeout: 600_000 }, async () => {
    const live: number[] = [];
    const run = await trainer({ steps: 25, accumulate: 2 }, { hooks: [afterEachStep((r) => live.push(r.liveTensors))] });
    await run.run();
    expect(live[24], JSON.stringify(live)).toBe(live[4]);
    const network = tf.memory().numTensors;
    await run.dispose();
    expect(tf.memory().numTensors).toBeLessThan(network);
  });
});

describe('hooks named in the config', { timeout: 600_000 }, () => {
  it('are built through the registry and called at the documented points, after the built-in hooks', async () => {
    const calls: string[] = [];
    const container = testContainer();
    pluginRegistry(container).add({
      kind: 'hook',
      name: 'recorder',
      packageName: 'backend-tfjs tests',
      description: 'records when it is called',
      options: z.object({ tag: z.string() }),
      factory: ({ tag }: { tag: string }): TrainingHook => ({
        name: 'recorder',
        beforeRun: (run) => void calls.push(`${tag} beforeRun ${run.step}`),
        beforeStep: (run) => void calls.push(`${tag} beforeStep ${run.step}`),
        afterStep: (_, report) => void calls.push(`${tag} afterStep ${report.step}`),
        afterCheckpoint: (run, path) => void calls.push(`${tag} afterCheckpoint ${run.step} ${path.endsWith(`step-0000000${run.step}`)}`),
        afterEvaluation: (run, result) => void calls.push(`${tag} afterEvaluation ${run.step} ${typeof result.values.miou}`),
        afterRun: (run, { stopped }) => void calls.push(`${tag} afterRun ${run.step} stopped=${stopped}`),
      }),
    });
    const runDir = await mkdtemp(join(tmpdir(), 'vidseg-hooks-'));
    try {
      const run = await buildTrainingRun({
        config: config({ steps: 4, checkpointEvery: 2, evalEvery: 2 }, { data: { train: { type: 'squares' }, val: { type: 'squares', size: 2 } }, hooks: [{ type: 'recorder', tag: 'r' }] }),
        container,
        runDir,
      });
      const summary = await run.run();
      await run.dispose();
      expect(summary).toMatchObject({ steps: 4, stopped: false });
      expect(calls).toEqual([
        'r beforeRun 0',
        'r beforeStep 0',
        'r afterStep 1',
        'r beforeStep 1',
        'r afterCheckpoint 2 true',
        'r afterEvaluation 2 number',
        'r afterStep 2',
        'r beforeStep 2',
        'r afterStep 3',
        'r beforeStep 3',
        'r afterCheckpoint 4 true',
        'r afterStep 4',
        'r afterEvaluation 4 number',
        'r afterRun 4 stopped=false',
      ]);
    } finally {
      await rm(runDir, { recursive: true, force: true });
    }
  });

  it('rejects an unknown hook with its config path', async () => {
    await expect(buildTrainingRun({ config: config({ steps: 1 }, { hooks: [{ type: 'recordr' }] }), container: testContainer() })).rejects.toThrow(/hooks\[0\]\.type: unknown hook "recordr"/);
  });
});
