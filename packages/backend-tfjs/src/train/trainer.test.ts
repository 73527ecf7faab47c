import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { DataError, vidsegConfigSchema, type ClipSampler, type VidsegConfig } from '@vidseg/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SquaresDataset, SquaresSampler } from '../../test/synthetic-clips.js';
import { testContainer } from '../../test/test-plugins.js';
import { createTrainer, type Trainer } from './trainer.js';

const LABELS = { classes: ['background', 'red', 'blue'], ignoreLabel: 255 };

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

async function trainer(train: Record<string, unknown>, options: { runDir?: string; resume?: boolean; evaluation?: boolean } = {}): Promise<Trainer> {
  return createTrainer({
    config: config(train),
    container: testContainer(),
    clips: new SquaresSampler(16, 16, 24),
    labelSpace: LABELS,
    ...(options.runDir ? { runDir: options.runDir } : {}),
    ...(options.resume ? { resume: true } : {}),
    ...(options.evaluation ? { evaluation: { dataset: new SquaresDataset(8, 16, 24) } } : {}),
  });
}

describe('Trainer on cpu', { timeout: 600_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vidseg-trainer-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('lowers the loss and raises mIoU well above chance in 200 steps on synthetic clips', async () => {
    const run = await trainer({ steps: 200, batchSize: 4, schedule: { warmupSteps: 10 } }, { evaluation: true });
    const before = (await run.evaluate())!.values.miou!;
    const losses: number[] = [];
    run.on('step', (report) => losses.push(report.loss));
    const summary = await run.run();
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(summary.steps).toBe(200);
    expect(mean(losses.slice(-20))).toBeLessThan(0.3 * mean(losses.slice(0, 20)));
    // Chance level for 3 classes is about 1/3 pixel accuracy and a mean IoU well below that.
    expect(summary.evaluation!.values.miou).toBeGreaterThan(0.8);
    expect(summary.evaluation!.values.miou).toBeGreaterThan(before + 0.3);
    await run.dispose();
  });

  it('gives the same losses for the same config, and resuming from a checkpoint continues exactly', async () => {
    const train = { steps: 6, batchSize: 2, accumulate: 2, schedule: { warmupSteps: 2 }, checkpointEvery: 3 };
    const straight = await trainer(train);
    const reference: number[] = [];
    straight.on('step', (r) => reference.push(r.loss));
    await straight.run();
    await straight.dispose();

    const again = await trainer(train);
    const repeated: number[] = [];
    again.on('step', (r) => repeated.push(r.loss));
    await again.run();
    await again.dispose();
    expect(repeated).toEqual(reference);

    const runDir = join(dir, 'resume');
    const first = await trainer(train, { runDir });
    const resumed: number[] = [];
    first.on('step', (r) => {
      resumed.push(r.loss);
      if (r.step === 3) first.stop();
    });
    const half = await first.run();
    expect(half).toMatchObject({ steps: 3, stopped: true });
    await first.dispose();
    const second = await trainer(train, { runDir, resume: true });
    expect(second.step).toBe(3);
    second.on('step', (r) => resumed.push(r.loss));
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
    const run = await createTrainer({ config: config({ steps: 5 }), container: testContainer(), clips, labelSpace: LABELS });
    await run.trainStep();
    await run.trainStep();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toBe(5);
    await expect(run.trainStep()).rejects.toBe(bad);
    expect(run.step).toBe(2);
    await run.dispose();
  });

  it('leaks no tensors: the live tensor count after step 5 equals that after step 25', async () => {
    const run = await trainer({ steps: 25, accumulate: 2 });
    const live: number[] = [];
    run.on('step', (r) => live.push(r.liveTensors));
    await run.run();
    expect(live[24]).toBe(live[4]);
    const network = tf.memory().numTensors;
    await run.dispose();
    expect(tf.memory().numTensors).toBeLessThan(network);
  });
});
