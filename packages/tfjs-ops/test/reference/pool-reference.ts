import { at, type Nhwc } from './nhwc.js';

/** PyTorch pooling attributes for the reference loops (floor rounding). */
export interface ReferencePool {
  readonly kernel: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
}

/**
 * PyTorch's AvgPool2d / MaxPool2d by direct loops in float64 on NHWC input. `reduce` gets the real
 * (unpadded) values of a window and the window's full size kh * kw.
 */
function referencePool(x: Nhwc, pool: ReferencePool, reduce: (values: number[], windowSize: number) => number): Nhwc {
  const [n, h, w, c] = x.shape;
  const oh = Math.floor((h + 2 * pool.padding[0] - pool.kernel[0]) / pool.stride[0]) + 1;
  const ow = Math.floor((w + 2 * pool.padding[1] - pool.kernel[1]) / pool.stride[1]) + 1;
  const shape = [n, oh, ow, c] as const;
  const out = new Float64Array(n * oh * ow * c);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let ch = 0; ch < c; ch++) {
          const values: number[] = [];
          for (let a = 0; a < pool.kernel[0]; a++)
            for (let d = 0; d < pool.kernel[1]; d++) {
              const y = i * pool.stride[0] - pool.padding[0] + a;
              const xx = j * pool.stride[1] - pool.padding[1] + d;
              if (y >= 0 && y < h && xx >= 0 && xx < w) values.push(x.data[at(x.shape, b, y, xx, ch)]!);
            }
          out[at(shape, b, i, j, ch)] = reduce(values, pool.kernel[0] * pool.kernel[1]);
        }
  return { data: out, shape };
}

/** PyTorch AvgPool2d; `countIncludePad` divides every window by kh * kw. */
export function referenceAvgPool(x: Nhwc, pool: ReferencePool, countIncludePad: boolean): Nhwc {
  return referencePool(x, pool, (values, size) => values.reduce((a, b) => a + b, 0) / (countIncludePad ? size : values.length));
}

/** PyTorch MaxPool2d (padding never wins). */
export function referenceMaxPool(x: Nhwc, pool: ReferencePool): Nhwc {
  return referencePool(x, pool, (values) => Math.max(...values));
}

/** PyTorch AdaptiveAvgPool2d by direct loops: bin i of L covers [floor(i L / n), ceil((i + 1) L / n)). */
export function referenceAdaptiveAvgPool(x: Nhwc, bins: [number, number]): Nhwc {
  const [n, h, w, c] = x.shape;
  const shape = [n, bins[0], bins[1], c] as const;
  const out = new Float64Array(n * bins[0] * bins[1] * c);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < bins[0]; i++)
      for (let j = 0; j < bins[1]; j++)
        for (let ch = 0; ch < c; ch++) {
          const [y0, y1] = [Math.floor((i * h) / bins[0]), Math.ceil(((i + 1) * h) / bins[0])];
          const [x0, x1] = [Math.floor((j * w) / bins[1]), Math.ceil(((j + 1) * w) / bins[1])];
          let sum = 0;
          for (let y = y0; y < y1; y++) for (let xx = x0; xx < x1; xx++) sum += x.data[at(x.shape, b, y, xx, ch)]!;
          out[at(shape, b, i, j, ch)] = sum / ((y1 - y0) * (x1 - x0));
        }
  return { data: out, shape };
}
