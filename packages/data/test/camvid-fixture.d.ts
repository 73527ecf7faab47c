import type { ImageFrame } from '@vidseg/core';
/**
 * Writes a tiny CamVid (SegNet layout; by default 16x12 frames, `image(i)` for the i-th frame of a
 * split otherwise) with the given frame names per split; returns its root.
 */
export declare function writeTinyCamvid(splits: Record<string, readonly string[]>, image?: (i: number) => ImageFrame): Promise<string>;
//# sourceMappingURL=camvid-fixture.d.ts.map