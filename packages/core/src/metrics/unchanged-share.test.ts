import { describe, expect, it } from 'vitest';
import type { LabelMap } from '../types/image-frame.js';
import { countUnchanged, UnchangedShare } from './unchanged-share.js';

const space = { classes: ['a', 'b', 'c'], ignoreLabel: 255 };
const labels = (width: number, rows: number[][]): LabelMap => ({ width, height: rows.length, data: Uint8Array.from(rows.flat()) });

describe('UnchangedShare', () => {
  it('is the share of pixels with the same class in consecutive frames, pooled over pairs (hand count)', () => {
    const metric = new UnchangedShare(space);
    metric.update({ sequence: 's', position: 0, prediction: labels(3, [[0, 1, 2], [0, 1, 2]]) });
    // 4 of 6 unchanged.
    metric.update({ sequence: 's', position: 1, prediction: labels(3, [[0, 1, 1], [2, 1, 2]]) });
    // 6 of 6 unchanged.
    metric.update({ sequence: 's', position: 2, prediction: labels(3, [[0, 1, 1], [2, 1, 2]]) });
    expect(metric.result().values).toEqual({ unchangedShare: 10 / 12, pairs: 2 });
  });

  it('pairs only consecutive frames of one sequence and skips pixels where P_t is the ignore label', () => {
    const metric = new UnchangedShare(space);
    metric.update({ sequence: 's', position: 0, prediction: labels(2, [[0, 255]]) });
    metric.update({ sequence: 's', position: 2, prediction: labels(2, [[1, 1]]) });
    metric.update({ sequence: 't', position: 3, prediction: labels(2, [[2, 2]]) });
    expect(metric.result().values.pairs).toBe(0);
    metric.update({ sequence: 't', position: 4, prediction: labels(2, [[255, 0]]) });
    metric.update({ sequence: 't', position: 5, prediction: labels(2, [[1, 0]]) });
    // Pair (3, 4): both pixels counted, none unchanged. Pair (4, 5): the ignored pixel is skipped; one unchanged.
    expect(metric.result().values).toEqual({ unchangedShare: 1 / 3, pairs: 2 });
    metric.reset();
    expect(Number.isNaN(metric.result().values.unchangedShare)).toBe(true);
  });

  it('names the frames whose sizes differ', () => {
    const metric = new UnchangedShare(space);
    metric.update({ sequence: 'clip', position: 0, prediction: labels(2, [[0, 1]]) });
    expect(() => metric.update({ sequence: 'clip', position: 1, prediction: labels(3, [[0, 1, 2]]) })).toThrow(/frame 0 vs 1 of clip/);
  });
});

describe('countUnchanged', () => {
  it('counts equal pixels among all, or among those not ignored in the first map', () => {
    expect(countUnchanged(Uint8Array.of(0, 1, 2, 3, 255), Uint8Array.of(0, 2, 2, 1, 255))).toEqual({ unchanged: 3, compared: 5 });
    expect(countUnchanged(Uint8Array.of(0, 1, 2, 3, 255), Uint8Array.of(0, 2, 2, 1, 255), 255)).toEqual({ unchanged: 2, compared: 4 });
    expect(countUnchanged(new Uint8Array(6), new Uint8Array(6))).toEqual({ unchanged: 6, compared: 6 });
    expect(countUnchanged(new Uint8Array(0), new Uint8Array(0))).toEqual({ unchanged: 0, compared: 0 });
  });
});
