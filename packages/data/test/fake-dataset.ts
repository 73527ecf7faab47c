import type { ClipDataset, ClipFrame, ImageFrame, SequenceFrame } from '@vidseg/core';

/** A tiny textured image whose pixel values depend on (x, y) and `seed`. */
export function texturedImage(width: number, height: number, seed = 0): ImageFrame {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = 3 * (y * width + x);
      data[p] = (x * 7 + seed * 13) % 256;
      data[p + 1] = (y * 11 + seed * 5) % 256;
      data[p + 2] = (x * y + seed) % 256;
    }
  }
  return { width, height, channels: 3, data };
}

/**
 * A still with smooth texture: each channel a sum of sinusoids (periods 9 to 23 pixels, several
 * directions) around mid-grey. A shift of a pixel or two changes it by tens of levels, while one
 * bilinear resampling errs by about a level (measured at a half-pixel offset in both axes: mean
 * 1.05, at most 2.9; the bound is the sum over the terms of amplitude x (2 pi / period)^2 / 8,
 * 2.8, plus 0.5 for rounding to whole levels).
 */
export function smoothTexture(width: number, height: number, seed = 0): ImageFrame {
  const data = new Uint8Array(width * height * 3);
  const terms = [
    [9, 0.3, 25],
    [13, 1.9, 30],
    [23, 4.1, 40],
  ] as const;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        let v = 128;
        for (const [period, angle, amplitude] of terms) {
          const a = angle + 0.7 * c + seed;
          v += amplitude * Math.sin(((2 * Math.PI) / period) * (x * Math.cos(a) + y * Math.sin(a)) + seed + c);
        }
        data[3 * (y * width + x) + c] = Math.round(v);
      }
    }
  }
  return { width, height, channels: 3, data };
}

/**
 * A dataset of `size` labelled frames of 12x10 pixels whose raw neighbours exist only at the
 * offsets in `offsets`; `failAt` positions throw what `failWith` makes.
 */
export class FakeDataset implements ClipDataset {
  readonly name = 'fake';
  readonly split = 'train';
  readonly classes = ['a', 'b'];
  readonly ignoreLabel = 255;

  constructor(
    readonly size: number,
    private readonly offsets: readonly number[],
    private readonly failAt: ReadonlySet<number> = new Set(),
    private readonly failWith: (position: number) => Error = (p) => new Error(`broken ${p}`),
  ) {}

  async frame(position: number): Promise<SequenceFrame> {
    if (this.failAt.has(position)) throw this.failWith(position);
    const label = { width: 12, height: 10, data: new Uint8Array(120).map((_, p) => p % 2) };
    return { image: texturedImage(12, 10, position), label, id: `f${position}`, sequence: 's', index: position };
  }

  async neighbour(position: number, offset: number): Promise<ClipFrame | undefined> {
    if (!this.offsets.includes(offset)) return undefined;
    return { image: texturedImage(12, 10, position * 100 + offset), id: `f${position}${offset > 0 ? '+' : ''}${offset}` };
  }
}
