/** A plain NCHW tensor for reference computations: `data` row-major over [n, c, h, w]. */
export interface Nchw {
  readonly shape: readonly [number, number, number, number];
  readonly data: Float32Array | Float64Array;
}

/** An all-zero float64 tensor of `shape`. */
export const zerosNchw = (shape: readonly [number, number, number, number]): Nchw & { readonly data: Float64Array } => ({
  shape,
  data: new Float64Array(shape[0] * shape[1] * shape[2] * shape[3]),
});

/** The flat index of element (n, c, y, x). */
export const nchwIndex = (t: Nchw, n: number, c: number, y: number, x: number): number => ((n * t.shape[1] + c) * t.shape[2] + y) * t.shape[3] + x;
