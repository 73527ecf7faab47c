import { Nhwc } from '../nhwc.js';
import { sampleClamped } from './warp-reference.js';

/** Float64 bilinear resize with align-corners coordinates (PyTorch interpolate, align_corners=True). */
export function referenceResizeAlignCorners(x: Nhwc, height: number, width: number): Nhwc {
  const [n, h, w, c] = x.shape;
  const out = new Nhwc([n, height, width, c]);
  const scale = (to: number, from: number) => (to > 1 ? (from - 1) / (to - 1) : 0);
  for (let b = 0; b < n; b++)
    for (let y = 0; y < height; y++)
      for (let xx = 0; xx < width; xx++)
        for (let ch = 0; ch < c; ch++) out.data[out.index(b, y, xx, ch)] = sampleClamped(x, b, xx * scale(width, w), y * scale(height, h), ch);
  return out;
}
