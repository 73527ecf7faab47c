/** A source raster for bilinear sampling: `channels` interleaved values per pixel, row-major. */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly data: ArrayLike<number>;
}

/**
 * Samples `source` at every point of `coords` (x, y interleaved, pixel centres at integers) by
 * bilinear interpolation, writing `channels` values per point into `out` and 1/0 into `inside`.
 *
 * A point is inside when its nearest pixel is (x and y in [-0.5, size - 0.5), the domain of the
 * nearest-neighbour label warp); points within half a pixel of the border sample the clamped edge.
 * Outside points get `fill` and inside 0. Integer outputs (Uint8) are rounded.
 */
export function sampleBilinear(
  source: Raster,
  coords: Float32Array,
  out: Float32Array | Uint8Array | Uint8ClampedArray,
  inside: Uint8Array,
  fill = 0,
): void {
  const { width: w, height: h, channels: c, data } = source;
  const round = !(out instanceof Float32Array);
  const count = inside.length;
  for (let i = 0; i < count; i++) {
    const x = coords[2 * i]!;
    const y = coords[2 * i + 1]!;
    const o = i * c;
    if (!(x >= -0.5 && y >= -0.5 && x < w - 0.5 && y < h - 0.5)) {
      for (let k = 0; k < c; k++) out[o + k] = fill;
      inside[i] = 0;
      continue;
    }
    inside[i] = 1;
    const cx = x < 0 ? 0 : x > w - 1 ? w - 1 : x;
    const cy = y < 0 ? 0 : y > h - 1 ? h - 1 : y;
    const x0 = Math.min(Math.floor(cx), w - 2 < 0 ? 0 : w - 2);
    const y0 = Math.min(Math.floor(cy), h - 2 < 0 ? 0 : h - 2);
    const x1 = Math.min(x0 + 1, w - 1);
    const y1 = Math.min(y0 + 1, h - 1);
    const fx = cx - x0;
    const fy = cy - y0;
    const w00 = (1 - fx) * (1 - fy);
    const w10 = fx * (1 - fy);
    const w01 = (1 - fx) * fy;
    const w11 = fx * fy;
    const p00 = (y0 * w + x0) * c;
    const p10 = (y0 * w + x1) * c;
    const p01 = (y1 * w + x0) * c;
    const p11 = (y1 * w + x1) * c;
    for (let k = 0; k < c; k++) {
      const v = w00 * data[p00 + k]! + w10 * data[p10 + k]! + w01 * data[p01 + k]! + w11 * data[p11 + k]!;
      out[o + k] = round ? Math.round(v) : v;
    }
  }
}
