import { describe, expect, it } from 'vitest';
import type { ImageFrame } from './image-frame.js';
import { resizeImageArea } from './resize-area.js';
import { resizeImageBilinear } from './resize-raster.js';

const image = (width: number, height: number, channels: 3 | 4, value: (x: number, y: number, k: number) => number): ImageFrame => {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let k = 0; k < channels; k++) data[(y * width + x) * channels + k] = value(x, y, k);
  return { width, height, channels, data };
};

describe('resizeImageArea', () => {
  it('halves by averaging each 2x2 block (hand-computed)', () => {
    const source = image(4, 2, 3, (x, y, k) => [10, 20, 30, 40][x]! + 100 * y + k);
    const out = resizeImageArea(source, 1, 2);
    // Block 0: x 0..1, y 0..1 -> mean of 10, 20, 110, 120 = 65 (+k); block 1: 30, 40, 130, 140 -> 85.
    expect(Array.from(out.data)).toEqual([65, 66, 67, 85, 86, 87]);
  });

  it('weights the fractional pixels of a non-integer factor (3 -> 2: 1 + 1/2 source pixels each)', () => {
    const out = resizeImageArea(image(3, 1, 3, (x) => [0, 90, 180][x]!), 1, 2);
    // Output 0 covers source 0 (weight 2/3) and half of source 1 (1/3): 30; output 1: 1/3 * 90 + 2/3 * 180 = 150.
    expect(Array.from(out.data)).toEqual([30, 30, 30, 150, 150, 150]);
  });

  it('keeps a constant image constant, returns the same frame at the same size, and grows by bilinear interpolation', () => {
    const flat = image(7, 5, 4, () => 200);
    expect(Array.from(resizeImageArea(flat, 2, 3).data).every((v) => v === 200)).toBe(true);
    expect(resizeImageArea(flat, 5, 7)).toBe(flat);
    const small = image(2, 2, 3, (x, y) => 50 * (x + y));
    expect(resizeImageArea(small, 4, 4)).toEqual(resizeImageBilinear(small, 4, 4));
  });
});
