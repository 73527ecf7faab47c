import { describe, expect, it } from 'vitest';
import { labelledSequences } from './labelled-sequences.js';

describe('labelledSequences', () => {
  it('groups by sequence in index order and splits where the frame step changes', () => {
    const frames = [
      { sequence: 'B', index: 4 },
      { sequence: 'A', index: 60 },
      { sequence: 'B', index: 2 },
      { sequence: 'A', index: 30 },
      { sequence: 'A', index: 90 },
      { sequence: 'A', index: 2040 },
      { sequence: 'A', index: 2070 },
      { sequence: 'B', index: 6 },
    ];
    expect(labelledSequences(frames)).toEqual([
      { name: 'B', positions: [2, 0, 7], frameStep: 2 },
      { name: 'A@30', positions: [3, 1, 4], frameStep: 30 },
      { name: 'A@2040', positions: [5, 6], frameStep: 30 },
    ]);
    expect(labelledSequences([{ sequence: 'C', index: 5 }])).toEqual([{ name: 'C', positions: [0], frameStep: 1 }]);
  });
});
