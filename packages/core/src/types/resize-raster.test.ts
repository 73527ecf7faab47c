import { describe, expect, it } from 'vitest';
import { resizeImageBilinear, resizeLabelsNearest } from './resize-raster.js';

describe('raster resizing', () => {
  it('halves an image by averaging 2x2 blocks (half-pixel centres) and keeps same-size images', () => {
    const image = { width: 2, height: 2, channels: 3 as const, data: Uint8Array.from([0, 0, 0, 100, 100, 100, 200, 200, 200, 60, 60, 60]) };
    const small = resizeImageBilinear(image, 1, 1);
    expect(Array.from(small.data)).toEqual([90, 90, 90]);
    expect(resizeImageBilinear(image, 2, 2)).toBe(image);
  });

  it('doubles a row with half-pixel interpolation and clamped edges', () => {
    const row = { width: 2, height: 1, channels: 3 as const, data: Uint8Array.from([0, 0, 0, 100, 100, 100]) };
    // Output x maps to input (x + 0.5) / 2 - 0.5: -0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1).
    expect(Array.from(resizeImageBilinear(row, 1, 4).data.filter((_, i) => i % 3 === 0))).toEqual([0, 25, 75, 100]);
  });

  it('resizes labels by nearest neighbour', () => {
    const labels = { width: 2, height: 1, data: Uint8Array.from([3, 7]) };
    expect(Array.from(resizeLabelsNearest(labels, 1, 4).data)).toEqual([3, 3, 7, 7]);
    expect(Array.from(resizeLabelsNearest({ width: 4, height: 1, data: Uint8Array.from([1, 2, 3, 4]) }, 1, 2).data)).toEqual([2, 4]);
  });
});
