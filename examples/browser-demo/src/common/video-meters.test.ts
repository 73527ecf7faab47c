import { describe, expect, it } from 'vitest';
import { VideoMeters } from './video-meters.js';

const space = { classes: ['a', 'b'], ignoreLabel: 255 };
const row = (...labels: number[]) => ({ width: labels.length, height: 1, data: Uint8Array.from(labels) });

describe('VideoMeters', () => {
  it('measures mIoU, TC along the exact flow and the flow-free agreement, by hand', () => {
    const meters = new VideoMeters(space);
    // The scene moves one pixel to the right; the predictions move with it.
    meters.update(0, row(0, 1, 1, 0), { width: 4, height: 1, data: Float32Array.from([1, 0, 1, 0, 1, 0, 1, 0]) }, row(0, 1, 1, 1));
    meters.update(1, row(0, 0, 1, 1), undefined, row(0, 0, 1, 1));
    const figures = meters.figures();
    // Against the labels: class a: 3 / (3 + 1) = 0.75, class b: 4 / (4 + 1) = 0.8.
    expect(figures.miou).toBeCloseTo((0.75 + 0.8) / 2, 12);
    // Along the flow, pixels 0..2 land on 1..3: (0,0), (1,1), (1,1); pixel 3 leaves the frame.
    // Confusion [[1,0],[0,2]]: IoU 1 for both classes.
    expect(figures.tc).toBe(1);
    // Without flow: (0,0), (1,0), (1,1), (0,1): each class IoU 1/3.
    expect(figures.flowFreeTc).toBeCloseTo(1 / 3, 12);
    expect(figures.pairs).toBe(1);
  });

  it('reports no mIoU or TC for videos without labels or flow, and forgets everything on reset', () => {
    const meters = new VideoMeters(space);
    meters.update(0, row(0, 1), undefined, undefined);
    meters.update(1, row(0, 1), undefined, undefined);
    expect(meters.figures()).toEqual({ miou: undefined, tc: undefined, flowFreeTc: 1, pairs: 1 });
    meters.reset();
    meters.update(5, row(1, 1), undefined, undefined);
    expect(meters.figures().pairs).toBe(0);
  });
});
