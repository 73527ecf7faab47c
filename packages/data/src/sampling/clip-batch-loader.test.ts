import { DataError, type ProgressReporter } from '@vidseg/core';
import { describe, expect, it } from 'vitest';
import { FakeDataset } from '../../test/fake-dataset.js';
import { ClipBatchLoader } from './clip-batch-loader.js';
import { TrainingClipSampler } from './training-clip-sampler.js';

const sampler = (failAt: number[] = [], failWith?: (p: number) => Error) =>
  new TrainingClipSampler(new FakeDataset(5, [1, -1], new Set(failAt), failWith), { scale: [0.9, 1.1], maxRotation: 2 });
const ids = (batch: { frames: readonly { id: string }[]; target: number }[]) => batch.map((s) => s.frames[s.target]!.id);

describe('ClipBatchLoader', () => {
  it('visits every position once per epoch in a seeded order, and resumes to the same batches', async () => {
    const loader = new ClipBatchLoader(sampler(), { batchSize: 2, seed: 4 });
    const batches = [];
    for (let b = 0; b < 5; b++) batches.push(await loader.next());
    loader.close();
    const order = batches.flatMap(ids);
    expect(new Set(order.slice(0, 5)).size).toBe(5);
    expect(new Set(order.slice(5, 10)).size).toBe(5);
    const resumed = new ClipBatchLoader(sampler(), { batchSize: 2, seed: 4, startBatch: 3 });
    const again = await resumed.next();
    resumed.close();
    expect(ids(again)).toEqual(ids(batches[3]!));
    expect(again[1]!.frames[0]!.image.data).toEqual(batches[3]![1]!.frames[0]!.image.data);
    const other = new ClipBatchLoader(sampler(), { batchSize: 5, seed: 5 });
    expect(ids(await other.next())).not.toEqual(order.slice(0, 5));
    other.close();
  });

  it('stops at bad input by default, and skips, counts and reports it when configured', async () => {
    const bad = (p: number) => new DataError(`cannot decode /data/f${p}.png: truncated PNG`);
    const strict = new ClipBatchLoader(sampler([2], bad), { batchSize: 5, seed: 0 });
    await expect(strict.next()).rejects.toThrow('truncated PNG');
    strict.close();
    const warnings: string[] = [];
    const progress: ProgressReporter = { start: () => ({ advance: () => undefined, done: () => undefined }), log: () => undefined, warn: (m) => warnings.push(m) };
    const lenient = new ClipBatchLoader(sampler([2], bad), { batchSize: 5, seed: 0, onBadInput: 'skip', prefetch: 1 }, progress);
    const batch = await lenient.next();
    lenient.close();
    expect(ids(batch)).not.toContain('f2');
    expect(lenient.skipped.length).toBeGreaterThanOrEqual(1);
    expect(lenient.skipped[0]).toEqual({ position: 2, reason: 'cannot decode /data/f2.png: truncated PNG' });
    expect(warnings[0]).toMatch(/skipped a training sample \(1 so far\): cannot decode \/data\/f2\.png/);
    const hopeless = new ClipBatchLoader(sampler([0, 1, 2, 3, 4], bad), { batchSize: 1, seed: 0, onBadInput: 'skip', maxSkips: 3, prefetch: 1 });
    await expect(hopeless.next()).rejects.toThrow(/gave up after [4-9] bad training samples \(maxSkips 3\)/);
    hopeless.close();
  });

  it('does not swallow programming errors in skip mode', async () => {
    const loader = new ClipBatchLoader(sampler([1, 2, 3, 4, 0]), { batchSize: 1, seed: 0, onBadInput: 'skip', prefetch: 1 });
    await expect(loader.next()).rejects.toThrow(/broken/);
    loader.close();
  });
});
