import { DataError } from '../errors/vidseg-error.js';

/**
 * An 8-bit image in row-major, interleaved (height x width x channels) order: RGB or RGBA, the
 * layout browsers' ImageData and sharp's raw output use.
 */
export interface ImageFrame {
  readonly width: number;
  readonly height: number;
  readonly channels: 3 | 4;
  readonly data: Uint8Array | Uint8ClampedArray;
}

/** A map of class ids, one byte per pixel, row-major. */
export interface LabelMap {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * A dense optical flow field from frame `a` to frame `b`: the pixel (x, y) of `a` shows the point
 * that sits at (x + dx, y + dy) in `b`. Stored interleaved, (dx, dy) per pixel, row-major, in pixels.
 */
export interface FlowField {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** Creates an empty flow field (all zeros) of the given size. */
export function zeroFlow(width: number, height: number): FlowField {
  return { width, height, data: new Float32Array(width * height * 2) };
}

/**
 * Throws a {@link DataError} when two rasters (images, label maps, flow fields) do not have the
 * same size; `what` names the operation and the two rasters, e.g. `warpImage (image vs flow)`.
 */
export function assertSameSize(
  a: { width: number; height: number },
  b: { width: number; height: number },
  what: string,
): void {
  if (a.width !== b.width || a.height !== b.height) {
    throw new DataError(`${what}: sizes differ (${a.width}x${a.height} vs ${b.width}x${b.height}, width x height)`, {
      hint: 'both must have the same width and height: resize one of them, or check that they belong to the same frame',
    });
  }
}
