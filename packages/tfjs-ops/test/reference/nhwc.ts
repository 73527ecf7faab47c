/** A plain NHWC array for reference computations. */
export interface Nhwc {
  readonly data: Float32Array | Float64Array;
  readonly shape: readonly [number, number, number, number];
}

/** Index of (n, y, x, c) in an NHWC array of `shape`. */
export function at(shape: readonly [number, number, number, number], n: number, y: number, x: number, c: number): number {
  return ((n * shape[1] + y) * shape[2] + x) * shape[3] + c;
}
