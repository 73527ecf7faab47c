import { describe, expect, it } from 'vitest';
import { constantFlow } from '../../test/textures.js';
import { forwardBackwardMask } from './forward-backward.js';

describe('forwardBackwardMask', () => {
  it('keeps pixels whose forward and backward flows cancel, and drops those leaving the frame', () => {
    const mask = forwardBackwardMask(constantFlow(5, 3, 2, 0), constantFlow(5, 3, -2, 0));
    expect([...mask]).toEqual([1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0]);
  });

  it('marks pixels whose round trip misses (an occluded region) as occluded', () => {
    const forward = constantFlow(6, 1, 1, 0);
    const backward = constantFlow(6, 1, -1, 0);
    // Pixels 3..4 of frame b come from somewhere else (say an object that moved in): their backward flow disagrees.
    backward.data[2 * 3] = 2;
    backward.data[2 * 4] = 2;
    // p -> p + 1 -> back: p = 2 lands on 3, p = 3 lands on 4 (both bad); with 0.5 px^2 tolerance the rest pass.
    expect([...forwardBackwardMask(forward, backward)]).toEqual([1, 1, 0, 0, 1, 0]);
    // The relative term tolerates errors that grow with the motion: 0.01 * (1 + 4) + 0.5 < 9 still fails.
    expect([...forwardBackwardMask(forward, backward, { relative: 2 })]).toEqual([1, 1, 1, 1, 1, 0]);
  });
});
