import { Nhwc } from '../nhwc.js';

/** log softmax of one row, in float64. */
export function logSoftmaxRow(row: readonly number[]): number[] {
  const max = Math.max(...row);
  const logSum = Math.log(row.reduce((sum, v) => sum + Math.exp(v - max), 0)) + max;
  return row.map((v) => v - logSum);
}

/** Softmax over the channels of every pixel, in float64. */
export function referenceSoftmax(x: Nhwc): Nhwc {
  const [n, h, w, k] = x.shape;
  const out = new Nhwc(x.shape);
  for (let b = 0; b < n; b++)
    for (let y = 0; y < h; y++)
      for (let xx = 0; xx < w; xx++) {
        const probabilities = logSoftmaxRow(Array.from({ length: k }, (_, c) => x.at(b, y, xx, c))).map(Math.exp);
        for (let c = 0; c < k; c++) out.data[out.index(b, y, xx, c)] = probabilities[c]!;
      }
  return out;
}
