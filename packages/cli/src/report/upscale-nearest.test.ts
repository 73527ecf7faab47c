import { describe, expect, it } from 'vitest';
import { upscaleNearest } from './upscale-nearest.js';

describe('upscaleNearest', () => {
  it('repeats every pixel factor x factor times', () => {
    const image = { width: 2, height: 1, channels: 3 as const, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    const big = upscaleNearest(image, 2);
    expect(big).toMatchObject({ width: 4, height: 2, channels: 3 });
    expect([...big.data]).toEqual([1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6, 1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6]);
  });
});
