import { describe, expect, it } from 'vitest';
import { unchangedPixels } from './label-stability.js';

describe('unchangedPixels', () => {
  it('counts the pixels whose class is the same in both maps', () => {
    expect(unchangedPixels(Uint8Array.of(0, 1, 2, 3, 255), Uint8Array.of(0, 2, 2, 1, 255))).toBe(3);
    expect(unchangedPixels(new Uint8Array(6), new Uint8Array(6))).toBe(6);
    expect(unchangedPixels(new Uint8Array(0), new Uint8Array(0))).toBe(0);
  });
});
