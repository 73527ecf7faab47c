import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors/vidseg-error.js';
import type { LabelMap } from '../types/image-frame.js';
import { VideoConsistency } from './video-consistency.js';

const space = { classes: ['a', 'b'], ignoreLabel: 255 };
const row = (data: number[]): LabelMap => ({ width: data.length, height: 1, data: Uint8Array.from(data) });
const frames = [
  { gt: [0, 0, 1, 255], pred: [0, 0, 1, 0] },
  { gt: [0, 1, 1, 255], pred: [0, 0, 0, 1] },
  { gt: [0, 1, 1, 255], pred: [0, 0, 0, 1] },
];

function run(n: number) {
  const vc = new VideoConsistency(space, { n });
  frames.forEach((f, position) => vc.update({ sequence: 's', position, groundTruth: row(f.gt), prediction: row(f.pred) }));
  return vc.result().values;
}

describe('VideoConsistency', () => {
  it('VC_2 averages the per-window share of GT-stable pixels with a stable prediction', () => {
    // Window (0,1): stable GT at p0, p2; prediction stable at p0 only -> 1/2.
    // Window (1,2): stable GT at p0, p1, p2; prediction stable at all three -> 1.
    expect(run(2)).toEqual({ vc2: 0.75, vc2Windows: 2 });
  });

  it('VC_3 uses windows of three frames', () => {
    // Stable GT over all three at p0 and p2; the prediction is stable at p0 only.
    expect(run(3)).toEqual({ vc3: 0.5, vc3Windows: 1 });
  });

  it('skips a window with no pixel whose ground truth is stable and not ignored', () => {
    const vc = new VideoConsistency(space, { n: 2 });
    const feed = (position: number, gt: number[], pred: number[]) => vc.update({ sequence: 's', position, groundTruth: row(gt), prediction: row(pred) });
    feed(0, [0, 1, 255], [0, 0, 0]);
    feed(1, [1, 0, 255], [0, 0, 0]);
    // Window (0,1): p0 and p1 change class, p2 is ignored: no stable pixel, so no window yet.
    expect(vc.result().values.vc2Windows).toBe(0);
    expect(Number.isNaN(vc.result().values.vc2!)).toBe(true);
    feed(2, [1, 0, 0], [1, 0, 1]);
    // Window (1,2): p0 stable (prediction changes), p1 stable (prediction stable), p2 ignored in
    // frame 1: share 1/2. The skipped window counts neither as 0 (which would give 1/4) nor as 1.
    expect(vc.result().values).toEqual({ vc2: 0.5, vc2Windows: 1 });
  });

  it('restarts its window at a sequence change or a gap', () => {
    const vc = new VideoConsistency(space, { n: 2 });
    vc.update({ sequence: 's', position: 0, groundTruth: row([0]), prediction: row([0]) });
    vc.update({ sequence: 't', position: 1, groundTruth: row([0]), prediction: row([1]) });
    vc.update({ sequence: 't', position: 3, groundTruth: row([0]), prediction: row([1]) });
    expect(vc.result().values.vc2Windows).toBe(0);
  });

  it('rejects a window shorter than 2', () => {
    expect(() => new VideoConsistency(space, { n: 1 })).toThrow(UsageError);
    expect(() => new VideoConsistency(space, { n: 1 })).toThrow('metric "vc": option n (the window length) must be an integer >= 2, got 1');
  });
});
