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
