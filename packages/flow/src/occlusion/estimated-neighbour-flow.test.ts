import type { FlowEstimator, FlowField, ImageFrame } from '@vidseg/core';
import { describe, expect, it } from 'vitest';
import { estimatedNeighbourFlow } from './estimated-neighbour-flow.js';

const frame = (id: string): { image: ImageFrame; id: string } => ({ id, image: { width: 4, height: 2, channels: 3, data: new Uint8Array(24) } });
const uniform = (dx: number): FlowField => ({ width: 4, height: 2, data: Float32Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? dx : 0)) });

/** Records the pairs asked for; the flow from "a" to "b" is +1 in x, back is `back`. */
function recordingEstimator(back: number): FlowEstimator & { pairs: string[] } {
  const pairs: string[] = [];
  return {
    name: 'stub',
    cacheKey: 'stub',
    pairs,
    estimate: async (_from, _to, pair) => {
      pairs.push(`${pair!.from}->${pair!.to}`);
      return pair!.from === 'a' ? uniform(1) : uniform(back);
    },
  };
}

describe('estimatedNeighbourFlow', () => {
  it('estimates both directions by frame id and masks each by the forward-backward test', async () => {
    const estimator = recordingEstimator(-1);
    const result = await estimatedNeighbourFlow(estimator).estimate(frame('a'), frame('b'));
    expect(estimator.pairs).toEqual(['a->b', 'b->a']);
    expect(result.flow.data[0]).toBe(1);
    expect(result.backward.flow.data[0]).toBe(-1);
    // Forward: x = 3 leaves the frame. Backward: x = 0 leaves it.
    expect(Array.from(result.valid)).toEqual([1, 1, 1, 0, 1, 1, 1, 0]);
    expect(Array.from(result.backward.valid)).toEqual([0, 1, 1, 1, 0, 1, 1, 1]);
  });

  it('marks pixels whose round trip does not come back (occlusion, a wrong estimate)', async () => {
    const result = await estimatedNeighbourFlow(recordingEstimator(+1)).estimate(frame('a'), frame('b'));
    expect(Array.from(result.valid)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
