/**
 * For every pixel of an output raster, the point of a source raster it samples: (x, y) interleaved,
 * row-major, in source pixel coordinates (pixel centres at integers). Sizes of source and output may
 * differ (crops, rescaling); a flow warp is the special case x = p + F(p) at the same size.
 */
export interface CoordinateMap {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** The coordinate map p -> p + F(p) of a flow field: sampling frame b there warps b back onto frame a. */
export function flowTargets(flow: { width: number; height: number; data: Float32Array }): CoordinateMap {
  const { width, height, data } = flow;
  const out = new Float32Array(width * height * 2);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i += 2) {
      out[i] = x + data[i]!;
      out[i + 1] = y + data[i + 1]!;
    }
  }
  return { width, height, data: out };
}
