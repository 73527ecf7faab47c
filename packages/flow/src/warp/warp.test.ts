import { describe, expect, it } from 'vitest';
import type { ImageFrame } from '@vidseg/core';
import { constantFlow } from '../../test/textures.js';
import { remapImage, remapLabels } from './remap.js';
import { warpImage } from './warp-image.js';
import { bilinearSupportSet } from './bilinear-support.js';

const ramp: ImageFrame = { width: 4, height: 2, channels: 3, data: Uint8Array.from({ length: 24 }, (_, i) => 10 * Math.floor(i / 3)) };

describe('warping', () => {
  it('warps an image back along an integer flow exactly, filling what leaves the frame', () => {
    const { result, inside } = warpImage(ramp, constantFlow(4, 2, 1, 0), 255);
    // out(x, y) = b(x + 1, y): pixel values 10 * index move one to the left.
    expect([...result.data.filter((_, i) => i % 3 === 0)]).toEqual([10, 20, 30, 255, 50, 60, 70, 255]);
    expect([...inside]).toEqual([1, 1, 1, 0, 1, 1, 1, 0]);
  });

  it('interpolates bilinearly between pixels (hand computed) and samples the edge within half a pixel', () => {
    const map = { width: 3, height: 1, data: Float32Array.from([0.25, 0.5, 2.5, 0.5, 3.4, 1]) };
    const { result, inside } = remapImage(ramp, map);
    // (0.25, 0.5): 0.75*0.5*0 + 0.25*0.5*10 + 0.75*0.5*40 + 0.25*0.5*50 = 22.5 -> 23 (rounded).
    expect(result.data[0]).toBe(23);
    // (2.5, 0.5): (20 + 30 + 60 + 70) / 4 = 45.
    expect(result.data[3]).toBe(45);
    // (3.4, 1): clamped to the last column, bottom row = 70.
    expect(result.data[6]).toBe(70);
    expect([...inside]).toEqual([1, 1, 1]);
  });

  it('remaps labels by nearest neighbour without inventing ids', () => {
    const labels = { width: 2, height: 2, data: Uint8Array.from([1, 2, 3, 4]) };
    const map = { width: 3, height: 1, data: Float32Array.from([0.4, 0.6, 0.6, 0.4, -0.6, 0]) };
    expect([...remapLabels(labels, map, 255).data]).toEqual([3, 2, 255]);
  });

  it('says whether all pixels under a bilinear sample are set', () => {
    const mask = Uint8Array.from([1, 1, 0, 1, 1, 1]);
    expect(bilinearSupportSet(mask, 3, 2, 0.5, 0.5)).toBe(true);
    expect(bilinearSupportSet(mask, 3, 2, 1.5, 0.5)).toBe(false);
    expect(bilinearSupportSet(mask, 3, 2, 1, 1)).toBe(true);
    expect(bilinearSupportSet(mask, 3, 2, 2, 1)).toBe(true);
    expect(bilinearSupportSet(mask, 3, 2, 2.01, 1)).toBe(false);
  });
});
