/**
 * A flow field of `height` x `width` as interleaved (dx, dy) from a 2 x h x w planar one. When the
 * model's output is smaller than the frames, it is resized bilinearly (half-pixel centres, edges
 * clamped) and the vectors are scaled by the size ratio of each axis, then by `scale`.
 */
export function toInterleavedFlow(planar: Float32Array, h: number, w: number, height: number, width: number, scale: number): Float32Array {
  const out = new Float32Array(height * width * 2);
  const plane = h * w;
  if (h === height && w === width) {
    for (let p = 0; p < plane; p++) {
      out[2 * p] = planar[p]! * scale;
      out[2 * p + 1] = planar[plane + p]! * scale;
    }
    return out;
  }
  const [ratioY, ratioX] = [height / h, width / w];
  const source = (d: number, ratio: number, size: number) => Math.min(Math.max((d + 0.5) / ratio - 0.5, 0), size - 1);
  for (let y = 0; y < height; y++) {
    const sy = source(y, ratioY, h);
    const y0 = Math.floor(sy);
    const y1 = Math.min(y0 + 1, h - 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = source(x, ratioX, w);
      const x0 = Math.floor(sx);
      const x1 = Math.min(x0 + 1, w - 1);
      const fx = sx - x0;
      for (let c = 0; c < 2; c++) {
        const at = (yy: number, xx: number) => planar[c * plane + yy * w + xx]!;
        const value = (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x1)) + fy * ((1 - fx) * at(y1, x0) + fx * at(y1, x1));
        out[2 * (y * width + x) + c] = value * (c === 0 ? ratioX : ratioY) * scale;
      }
    }
  }
  return out;
}
