import { describe, expect, it } from 'vitest';
import { DataError, UsageError } from '../errors/vidseg-error.js';
import { CAMVID_PALETTE } from './camvid-palette.js';
import { CITYSCAPES_PALETTE } from './cityscapes-palette.js';
import { colorizeLabels, overlayLabels } from './colorize.js';

describe('palettes', () => {
  it('have one colour per class', () => {
    expect(CAMVID_PALETTE.classes).toHaveLength(11);
    expect(CAMVID_PALETTE.colors).toHaveLength(11);
    expect(CITYSCAPES_PALETTE.classes).toHaveLength(19);
    expect(CITYSCAPES_PALETTE.colors).toHaveLength(19);
  });

  it('colour label maps, with the ignore colour for void', () => {
    const image = colorizeLabels({ width: 3, height: 1, data: Uint8Array.from([3, 11, 4]) }, CAMVID_PALETTE);
    expect(Array.from(image.data)).toEqual([128, 64, 128, 0, 0, 0, 60, 40, 222]);
  });

  it('blend an overlay over RGBA images', () => {
    const frame = { width: 1, height: 1, channels: 4 as const, data: Uint8Array.from([200, 100, 0, 255]) };
    const out = overlayLabels(frame, { width: 1, height: 1, data: Uint8Array.from([0]) }, CAMVID_PALETTE, 0.5);
    expect(Array.from(out.data)).toEqual([164, 114, 64]);
    expect(() => overlayLabels(frame, { width: 1, height: 1, data: Uint8Array.from([0]) }, CAMVID_PALETTE, 2)).toThrow(UsageError);
    expect(() => overlayLabels(frame, { width: 1, height: 1, data: Uint8Array.from([0]) }, CAMVID_PALETTE, 2)).toThrow('overlayLabels: alpha must be in [0, 1], got 2');
    expect(() => overlayLabels(frame, { width: 2, height: 1, data: Uint8Array.from([0, 0]) }, CAMVID_PALETTE)).toThrow(DataError);
  });
});
