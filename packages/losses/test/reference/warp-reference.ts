import { Nhwc } from '../nhwc.js';

/** Float64 bilinear sample of `x` at (sx, sy), the position clamped to the image. */
export function sampleClamped(x: Nhwc, n: number, sx: number, sy: number, c: number): number {
  const [, h, w] = x.shape;
  const cx = Math.min(Math.max(sx, 0), w - 1);
  const cy = Math.min(Math.max(sy, 0), h - 1);
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(x0 + 1, w - 1);
  const y1 = Math.min(y0 + 1, h - 1);
  const fx = cx - x0;
  const fy = cy - y0;
  return (
    (1 - fy) * ((1 - fx) * x.at(n, y0, x0, c) + fx * x.at(n, y0, x1, c)) +
    fy * ((1 - fx) * x.at(n, y1, x0, c) + fx * x.at(n, y1, x1, c))
  );
}

/** Float64 backward warp: out(p) = x(p + flow(p)), bilinear, positions clamped to the image. */
export function referenceWarp(x: Nhwc, flow: Nhwc): Nhwc {
  const [n, h, w, c] = x.shape;
  const out = new Nhwc(x.shape);
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < h; y++) {
      for (let xx = 0; xx < w; xx++) {
        for (let ch = 0; ch < c; ch++) {
          out.data[out.index(b, y, xx, ch)] = sampleClamped(x, b, xx + flow.at(b, y, xx, 0), y + flow.at(b, y, xx, 1), ch);
        }
      }
    }
  }
  return out;
}
