import { describe, expect, it } from 'vitest';
import type { ClipDataset, SequenceFrame } from '../contracts/clip-dataset.js';
import type { FlowEstimator } from '../contracts/flow-estimator.js';
import type { LabelMap } from '../types/image-frame.js';
import { evaluateSequences } from './evaluate-sequences.js';
import { MeanIoU } from './mean-iou.js';
import { TemporalConsistency } from './temporal-consistency.js';

const space = { classes: ['a', 'b'], ignoreLabel: 255 };
const map = (data: number[]): LabelMap => ({ width: data.length, height: 1, data: Uint8Array.from(data) });

/** Two sequences given out of order by position; sequences() restores time order. */
const frames: SequenceFrame[] = [
  { id: 's1', sequence: 's', index: 1, image: { width: 2, height: 1, channels: 3, data: new Uint8Array(6) }, label: map([0, 1]) },
  { id: 's0', sequence: 's', index: 0, image: { width: 2, height: 1, channels: 3, data: new Uint8Array(6) }, label: map([0, 1]) },
  { id: 'u0', sequence: 'u', index: 0, image: { width: 2, height: 1, channels: 3, data: new Uint8Array(6) }, label: map([1, 1]) },
];
const dataset: ClipDataset = {
  name: 'toy',
  split: 'val',
  classes: space.classes,
  ignoreLabel: 255,
  size: frames.length,
  frame: async (p) => frames[p]!,
  neighbour: async () => undefined,
  sequences: () => [
    { name: 's', positions: [1, 0], frameStep: 1 },
    { name: 'u', positions: [2], frameStep: 1 },
  ],
};

describe('evaluateSequences', () => {
  it('walks sequences in time order, pairs only frames of one sequence, and copies reused prediction buffers', async () => {
    const buffer = map([0, 0]);
    const predictions: Record<string, number[]> = { s0: [0, 1], s1: [1, 0], u0: [1, 1] };
    const estimated: string[] = [];
    const flow: FlowEstimator = {
      name: 'zero',
      cacheKey: 'zero',
      estimate: async (a, _b, pair) => {
        estimated.push(`${pair!.from}->${pair!.to}`);
        return { width: a.width, height: a.height, data: new Float32Array(a.width * a.height * 2) };
      },
    };
    const result = await evaluateSequences({
      dataset,
      metrics: [new MeanIoU(space), new TemporalConsistency(space)],
      flow,
      predict: async (frame) => {
        buffer.data.set(predictions[frame.id]!);
        return buffer;
      },
    });
    expect(estimated).toEqual(['s0->s1']);
    expect(result.frames).toBe(3);
    // TC: one pair (s0 -> s1), predictions [0,1] vs [1,0]: every pixel disagrees.
    expect(result.values.tc).toBe(0);
    expect(result.values.pairs).toBe(1);
    // mIoU: s0 right (2 px), s1 wrong (2 px), u0 right (2 px): IoU a = 1/3, IoU b = 3/5.
    expect(result.values.miou).toBeCloseTo((1 / 3 + 3 / 5) / 2, 12);
  });
});
