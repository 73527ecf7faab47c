import { describe, expect, it } from 'vitest';
import { labelFlicker } from './label-flicker.js';

const labels = (data: number[], width = 4) => ({ width, height: data.length / width, data: Uint8Array.from(data) });
const flow = (dx: number, width = 4, height = 1) => ({ width, height, data: Float32Array.from({ length: 2 * width * height }, (_, i) => (i % 2 === 0 ? dx : 0)) });

describe('labelFlicker', () => {
  it('counts no flicker where the labels moved exactly with the flow', () => {
    // Frame t: 1 1 2 2; everything moves one pixel right: frame t+1 is 0 1 1 2 (the new left pixel is unknown).
    expect(labelFlicker(labels([1, 1, 2, 2]), labels([0, 1, 1, 2]), flow(1))).toBe(0);
  });

  it('counts the pixels whose label changed beyond the motion, over the pixels it can compare', () => {
    // Static scene (zero flow), one of four labels changes: 25 %.
    expect(labelFlicker(labels([1, 1, 2, 2]), labels([1, 3, 2, 2]), flow(0))).toBe(0.25);
    // Moving right by one: pixel 3 leaves the frame, 3 compared, of which one (pixel 0 -> next pixel 1 = 5) differs.
    expect(labelFlicker(labels([1, 1, 2, 2]), labels([0, 5, 1, 2]), flow(1))).toBeCloseTo(1 / 3);
  });

  it('skips occluded pixels and returns 0 when nothing can be compared', () => {
    expect(labelFlicker(labels([1, 1, 2, 2]), labels([1, 3, 2, 2]), flow(0), Uint8Array.from([1, 0, 1, 1]))).toBe(0);
    expect(labelFlicker(labels([1, 1, 2, 2]), labels([1, 3, 2, 2]), flow(0), new Uint8Array(4))).toBe(0);
  });
});
