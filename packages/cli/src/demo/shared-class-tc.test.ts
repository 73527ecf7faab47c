import { describe, expect, it } from 'vitest';
import { sharedClassTc } from './shared-class-tc.js';

describe('sharedClassTc', () => {
  it('averages TC over the classes both models count and names those only one counts', () => {
    const shared = sharedClassTc({ sky: 0.9, road: 0.8, pole: 0.2, car: Number.NaN }, { sky: 0.95, road: 0.9, pole: Number.NaN, car: 0.5 });
    expect(shared.classes).toEqual(['sky', 'road']);
    expect(shared.baseline).toBeCloseTo(0.85);
    expect(shared.temporal).toBeCloseTo(0.925);
    expect(shared.onlyBaseline).toEqual(['pole']);
    expect(shared.onlyTemporal).toEqual(['car']);
  });
});
