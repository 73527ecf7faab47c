import { describe, expect, it } from 'vitest';
import { endpointError } from './endpoint-error.js';

describe('endpointError', () => {
  it('averages the Euclidean error over the counted pixels (hand computed)', () => {
    const reference = { width: 3, height: 1, data: Float32Array.from([0, 0, 1, 1, 2, 0]) };
    const estimate = { width: 3, height: 1, data: Float32Array.from([3, 4, 1, 1, 2, 2]) };
    const all = endpointError(estimate, reference);
    expect(all.mean).toBeCloseTo((5 + 0 + 2) / 3, 6);
    expect([all.over1, all.over3, all.pixels]).toEqual([2 / 3, 1 / 3, 3]);
    expect(endpointError(estimate, reference, Uint8Array.from([0, 1, 1])).mean).toBeCloseTo(1, 6);
    expect(endpointError(estimate, reference, new Uint8Array(3)).mean).toBeNaN();
  });
});
