import { describe, expect, it } from 'vitest';
import type { FlowField, LabelMap } from '../types/image-frame.js';
import { TemporalConsistency } from './temporal-consistency.js';
import { warpLabelsNearest } from './warp-labels-nearest.js';

const space = { classes: ['a', 'b', 'c'], ignoreLabel: 255 };
const labels = (width: number, rows: number[][]): LabelMap => ({ width, height: rows.length, data: Uint8Array.from(rows.flat()) });
const uniformFlow = (width: number, height: number, dx: number, dy: number): FlowField => {
  const data = new Float32Array(width * height * 2);
  for (let p = 0; p < width * height; p++) {
    data[2 * p] = dx;
    data[2 * p + 1] = dy;
  }
  return { width, height, data };
};

describe('TemporalConsistency', () => {
  it('is 1 when the next prediction is the current one moved along the flow; out-of-frame pixels contribute nothing', () => {
    const tc = new TemporalConsistency(space);
    const flow = uniformFlow(3, 2, 1, 0);
    tc.update({ sequence: 's', position: 0, prediction: labels(3, [[0, 1, 2], [0, 1, 2]]), flowToNext: flow });
    tc.update({ sequence: 's', position: 1, prediction: labels(3, [[2, 0, 1], [2, 0, 1]]) });
    const { values, perClass } = tc.result();
    expect(values.tc).toBe(1);
    expect(values.pairs).toBe(1);
    // Class c only sits where the flow leaves the frame: it never enters the confusion.
    expect(Number.isNaN(perClass!.c)).toBe(true);
  });

  it('matches a hand computation with one disagreement', () => {
    const tc = new TemporalConsistency(space);
    tc.update({ sequence: 's', position: 0, prediction: labels(3, [[0, 1, 2], [0, 1, 2]]), flowToNext: uniformFlow(3, 2, 1, 0) });
    tc.update({ sequence: 's', position: 1, prediction: labels(3, [[2, 0, 1], [2, 2, 1]]) });
    // Pairs (P_t, warped P_t+1): (0,0) (1,1) (0,2) (1,1). IoU a = 1/2, b = 1, c = 0/1.
    expect(tc.result().values.tc).toBeCloseTo(0.5, 12);
  });

  it('rounds the flow target to the nearest pixel', () => {
    const tc = new TemporalConsistency(space);
    // x=0: 0 - 0.4 rounds to 0 (inside); x=1: 1.6 rounds to 2; x=2: 1.4 rounds to 1.
    const flow: FlowField = { width: 3, height: 1, data: Float32Array.from([-0.4, 0, 0.6, 0, -0.6, 0]) };
    tc.update({ sequence: 's', position: 0, prediction: labels(3, [[0, 1, 1]]), flowToNext: flow });
    tc.update({ sequence: 's', position: 1, prediction: labels(3, [[0, 1, 0]]) });
    // Pairs: (0,0) (1,0) (1,1): IoU a = 1/2, IoU b = 1/2.
    const { perClass } = tc.result();
    expect(perClass!.a).toBeCloseTo(0.5);
    expect(perClass!.b).toBeCloseTo(0.5);
  });

  it('never pairs frames of different sequences or non-consecutive positions', () => {
    const tc = new TemporalConsistency(space);
    const flow = uniformFlow(2, 1, 0, 0);
    tc.update({ sequence: 's', position: 0, prediction: labels(2, [[0, 1]]), flowToNext: flow });
    tc.update({ sequence: 'other', position: 1, prediction: labels(2, [[1, 0]]), flowToNext: flow });
    tc.update({ sequence: 'other', position: 3, prediction: labels(2, [[1, 0]]) });
    expect(tc.result().values.pairs).toBe(0);
    expect(Number.isNaN(tc.result().values.tc!)).toBe(true);
  });

  it('skips pixels where P_t is the ignore label', () => {
    const tc = new TemporalConsistency(space);
    tc.update({ sequence: 's', position: 0, prediction: labels(2, [[255, 1]]), flowToNext: uniformFlow(2, 1, 0, 0) });
    tc.update({ sequence: 's', position: 1, prediction: labels(2, [[0, 1]]) });
    expect(tc.result().values.tc).toBe(1);
  });

  it('gives a pair whose P_t is all ignore label no weight: it counts as a pair but adds nothing to the confusion', () => {
    const tc = new TemporalConsistency(space);
    const still = uniformFlow(2, 1, 0, 0);
    tc.update({ sequence: 's', position: 0, prediction: labels(2, [[255, 255]]), flowToNext: still });
    tc.update({ sequence: 's', position: 1, prediction: labels(2, [[0, 1]]), flowToNext: still });
    // Only the all-ignore pair so far: nothing was counted, so TC and every class IoU are undefined.
    const alone = tc.result();
    expect(alone.values.pairs).toBe(1);
    expect(Number.isNaN(alone.values.tc!)).toBe(true);
    expect(Object.values(alone.perClass!).every(Number.isNaN)).toBe(true);
    tc.update({ sequence: 's', position: 2, prediction: labels(2, [[0, 0]]) });
    // Second pair alone decides: (P_1, warped P_2) = (0,0) (1,0): IoU a = 1/(1+2-1) = 1/2, IoU b = 0/1.
    const { values, perClass } = tc.result();
    expect(values.pairs).toBe(2);
    expect(values.tc).toBeCloseTo(0.25, 12);
    expect([perClass!.a, perClass!.b]).toEqual([0.5, 0]);
    expect(Number.isNaN(perClass!.c)).toBe(true);
  });

  it('copies predictions, so a reused buffer does not change the result', () => {
    const tc = new TemporalConsistency(space);
    const buffer = labels(2, [[0, 1]]);
    tc.update({ sequence: 's', position: 0, prediction: buffer, flowToNext: uniformFlow(2, 1, 0, 0) });
    buffer.data.set([1, 0]);
    tc.update({ sequence: 's', position: 1, prediction: buffer });
    expect(tc.result().values.tc).toBe(0);
  });
});

describe('warpLabelsNearest', () => {
  it('pulls labels along the flow and fills pixels whose flow leaves the frame', () => {
    const warped = warpLabelsNearest(labels(3, [[7, 8, 9]]), uniformFlow(3, 1, 1, 0), 255);
    expect(Array.from(warped.data)).toEqual([8, 9, 255]);
  });
});
