import type { ClipDataset, ClipFrame, ImageFrame, SequenceFrame } from '@vidseg/core';
/** A tiny textured image whose pixel values depend on (x, y) and `seed`. */
export declare function texturedImage(width: number, height: number, seed?: number): ImageFrame;
/**
 * A still with smooth texture: each channel a sum of sinusoids (periods 9 to 23 pixels, several
 * directions) around mid-grey. A shift of a pixel or two changes it by tens of levels, while one
 * bilinear resampling errs by about a level (measured at a half-pixel offset in both axes: mean
 * 1.05, at most 2.9; the bound is the sum over the terms of amplitude x (2 pi / period)^2 / 8,
 * 2.8, plus 0.5 for rounding to whole levels).
 */
export declare function smoothTexture(width: number, height: number, seed?: number): ImageFrame;
/**
 * A dataset of `size` labelled frames of 12x10 pixels whose raw neighbours exist only at the
 * offsets in `offsets`; `failAt` positions throw what `failWith` makes.
 */
export declare class FakeDataset implements ClipDataset {
    readonly size: number;
    private readonly offsets;
    private readonly failAt;
    private readonly failWith;
    readonly name = "fake";
    readonly split = "train";
    readonly classes: string[];
    readonly ignoreLabel = 255;
    constructor(size: number, offsets: readonly number[], failAt?: ReadonlySet<number>, failWith?: (position: number) => Error);
    frame(position: number): Promise<SequenceFrame>;
    neighbour(position: number, offset: number): Promise<ClipFrame | undefined>;
}
//# sourceMappingURL=fake-dataset.d.ts.map