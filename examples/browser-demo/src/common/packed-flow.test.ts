import { SeededRandom, TemporalConsistency, type FlowField, type LabelMap } from '@vidseg/core';
import { describe, expect, it } from 'vitest';
import { packFlows, unpackFlow } from './packed-flow.js';

const space = { classes: ['a', 'b', 'c'], ignoreLabel: 255 };

function randomFlow(random: SeededRandom, width: number, height: number, scale: number): FlowField {
  return { width, height, data: Float32Array.from({ length: width * height * 2 }, () => (random.next() - 0.5) * scale) };
}

function randomLabels(random: SeededRandom, width: number, height: number): LabelMap {
  return { width, height, data: Uint8Array.from({ length: width * height }, () => Math.floor(random.next() * 3)) };
}

function tc(predictions: readonly LabelMap[], flows: readonly FlowField[]): number {
  const metric = new TemporalConsistency(space);
  predictions.forEach((prediction, t) => metric.update({ sequence: 's', position: t, prediction, ...(flows[t] ? { flowToNext: flows[t] } : {}) }));
  return metric.result().values.tc!;
}

describe('packed flow', () => {
  it('rounds each component to whole pixels, pair after pair', () => {
    const flows = [
      { width: 2, height: 1, data: Float32Array.from([0.4, -0.6, 2.5, -2.5]) },
      { width: 2, height: 1, data: Float32Array.from([-127, 127, 1.49, 0]) },
    ];
    const packed = packFlows(flows);
    expect(Array.from(packed)).toEqual([0, -1, 3, -2, -127, 127, 1, 0]);
    expect(Array.from(unpackFlow(packed, 2, 1, 1).data)).toEqual([-127, 127, 1, 0]);
  });

  it('gives exactly the TC of the float flow (nearest-neighbour warp reads round(x + dx))', () => {
    const random = new SeededRandom(5);
    const predictions = Array.from({ length: 4 }, () => randomLabels(random, 23, 17));
    const flows = Array.from({ length: 3 }, () => randomFlow(random, 23, 17, 9));
    const packed = packFlows(flows);
    const unpacked = flows.map((_, pair) => unpackFlow(packed, 23, 17, pair));
    expect(tc(predictions, unpacked)).toBe(tc(predictions, flows));
  });

  it('rejects motion beyond ±127 px, flows of different sizes and pairs it does not hold', () => {
    expect(() => packFlows([{ width: 1, height: 1, data: Float32Array.from([127.6, 0]) }])).toThrow(/pair 0 moves 128 px.*±127/);
    expect(() => packFlows([{ width: 1, height: 1, data: new Float32Array(2) }, { width: 2, height: 1, data: new Float32Array(4) }])).toThrow(/pair 1 is 2x1; expected 1x1/);
    expect(() => unpackFlow(new Int8Array(8), 2, 1, 2)).toThrow(/pairs 0\.\.1; pair 2/);
    expect(() => unpackFlow(new Int8Array(7), 2, 1, 0)).toThrow(/7 bytes, not a whole number of 2x1 pairs/);
  });
});
