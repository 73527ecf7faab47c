import { Nhwc } from '../nhwc.js';

/** Float64 average pooling with a k x k window and stride k, remainder dropped. */
export function referencePool(x: Nhwc, k: number): Nhwc {
  const [n, h, w, c] = x.shape;
  const out = new Nhwc([n, Math.floor(h / k), Math.floor(w / k), c]);
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < out.shape[1]; y++) {
      for (let xx = 0; xx < out.shape[2]; xx++) {
        for (let ch = 0; ch < c; ch++) {
          let sum = 0;
          for (let dy = 0; dy < k; dy++) for (let dx = 0; dx < k; dx++) sum += x.at(b, y * k + dy, xx * k + dx, ch);
          out.data[out.index(b, y, xx, ch)] = sum / (k * k);
        }
      }
    }
  }
  return out;
}

/** Float64 cosine affinity [n][i][j] between the positions of `a` and `b` (row-major positions). */
export function referenceAffinity(a: Nhwc, b: Nhwc): number[][][] {
  const [n, h, w, c] = a.shape;
  const [, h2, w2] = b.shape;
  const vector = (t: Nhwc, batch: number, position: number, width: number) =>
    Array.from({ length: c }, (_, ch) => t.at(batch, Math.floor(position / width), position % width, ch));
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return Array.from({ length: n }, (_, batch) =>
    Array.from({ length: h * w }, (_, i) =>
      Array.from({ length: h2 * w2 }, (_, j) => {
        const u = vector(a, batch, i, w);
        const v = vector(b, batch, j, w2);
        return u.reduce((s, x, k) => s + x * v[k]!, 0) / (norm(u) * norm(v));
      }),
    ),
  );
}

/** Float64 mean squared difference of two equally shaped nested arrays of numbers. */
export function referenceMse(a: number[][][], b: number[][][]): number {
  const x = a.flat(2);
  const y = b.flat(2);
  return x.reduce((s, v, i) => s + (v - y[i]!) ** 2, 0) / x.length;
}
