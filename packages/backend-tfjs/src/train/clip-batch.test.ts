import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { PER_FRAME_REQUIREMENTS, type ClipFrame, type ClipSample, type FlowEstimator, type FlowField } from '@vidseg/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClipBatch, disposeClipBatch } from './clip-batch.js';

const frame = (id: string, value: number): ClipFrame => ({
  id,
  image: { width: 2, height: 1, channels: 4, data: Uint8Array.from([value, 0, 255, 9, value, 10, 20, 9]) },
  label: { width: 2, height: 1, data: Uint8Array.from([1, 255]) },
});
const flow = (dx: number): FlowField => ({ width: 2, height: 1, data: Float32Array.from([dx, 0, dx, 0]) });
const preprocessing = { channelOrder: 'BGR' as const, mean: [10, 20, 30] as [number, number, number], std: [2, 4, 5] as [number, number, number], scale: 0.5 };

describe('buildClipBatch', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('keeps only the labelled frame when no term needs neighbours, preprocessed and labelled', async () => {
    const sample: ClipSample = { frames: [frame('a', 100), frame('b', 50)], target: 1 };
    const batch = await buildClipBatch([sample], PER_FRAME_REQUIREMENTS, preprocessing, undefined);
    expect(batch.target).toBe(0);
    expect(batch.images).toHaveLength(1);
    // Pixel 0 of frame b is RGBA (50, 0, 255, 9): BGR (255, 0, 50) -> ((v - mean) / std) * 0.5.
    const pixel = Array.from(await batch.images[0]!.data()).slice(0, 3);
    expect(pixel).toEqual([((255 - 10) / 2) * 0.5, ((0 - 20) / 4) * 0.5, ((50 - 30) / 5) * 0.5]);
    expect(batch.labels!.dtype).toBe('int32');
    expect(Array.from(await batch.labels!.data())).toEqual([1, 255]);
    expect(batch.flows).toBeUndefined();
    disposeClipBatch(batch);
  });

  it('uses exact flows where the clip has them and the estimator elsewhere, naming the frames', async () => {
    const calls: string[] = [];
    const estimator: FlowEstimator = {
      name: 'fake',
      cacheKey: 'fake',
      estimate: async (_a, _b, pair) => {
        calls.push(`${pair!.from}->${pair!.to}`);
        return flow(7);
      },
    };
    const samples: ClipSample[] = [
      { frames: [frame('a0', 1), frame('t0', 2), frame('c0', 3)], target: 1, exactFlows: [flow(1), undefined, undefined], exactBackwardFlows: [flow(-1), undefined, undefined] },
      { frames: [frame('a1', 1), frame('t1', 2), frame('c1', 3)], target: 1, exactFlows: [flow(2), undefined, flow(3)] },
    ];
    const needs = { ...PER_FRAME_REQUIREMENTS, neighbours: true, backwardFlows: true };
    const batch = await buildClipBatch(samples, needs, preprocessing, () => estimator);
    expect(batch.target).toBe(1);
    expect(batch.images.map((t) => t.shape)).toEqual([[2, 1, 2, 3], [2, 1, 2, 3], [2, 1, 2, 3]]);
    expect(batch.flows![1]).toBeUndefined();
    expect(Array.from(await batch.flows![0]!.data()).filter((_, i) => i % 2 === 0)).toEqual([1, 1, 2, 2]);
    expect(Array.from(await batch.flows![2]!.data()).filter((_, i) => i % 2 === 0)).toEqual([7, 7, 3, 3]);
    expect(Array.from(await batch.backwardFlows![0]!.data()).filter((_, i) => i % 2 === 0)).toEqual([-1, -1, 7, 7]);
    expect(calls.sort()).toEqual(['a1->t1', 'c0->t0', 'c1->t1', 't0->c0'].sort());
    disposeClipBatch(batch);
    await expect(buildClipBatch(samples, needs, preprocessing, undefined)).rejects.toThrow(/no flow from t0 to c0 and no flow estimator configured \(config "flow"\)/);
  });

  it('batches pairs sampled on either side of the labelled frame by moving it to the first clip\'s index', async () => {
    const after: ClipSample = { frames: [frame('t0', 2), frame('n0', 3)], target: 0, exactFlows: [undefined, flow(5)] };
    const before: ClipSample = { frames: [frame('n1', 3), frame('t1', 2)], target: 1, exactFlows: [flow(-5), undefined] };
    const batch = await buildClipBatch([after, before], { ...PER_FRAME_REQUIREMENTS, neighbours: true }, preprocessing, undefined);
    expect(batch.target).toBe(0);
    expect(batch.flows![0]).toBeUndefined();
    expect(Array.from(await batch.flows![1]!.data()).filter((_, i) => i % 2 === 0)).toEqual([5, 5, -5, -5]);
    disposeClipBatch(batch);
  });
});
