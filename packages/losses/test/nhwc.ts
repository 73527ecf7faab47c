/** A float64 NHWC array for reference computations in tests. */
export class Nhwc {
  readonly data: Float64Array;

  constructor(
    readonly shape: readonly [number, number, number, number],
    data?: ArrayLike<number>,
  ) {
    const size = shape[0] * shape[1] * shape[2] * shape[3];
    this.data = data ? Float64Array.from(data) : new Float64Array(size);
    if (this.data.length !== size) throw new RangeError(`Nhwc: ${this.data.length} values for shape [${shape.join(', ')}]`);
  }

  index(n: number, y: number, x: number, c: number): number {
    const [, h, w, channels] = this.shape;
    return ((n * h + y) * w + x) * channels + c;
  }

  at(n: number, y: number, x: number, c: number): number {
    return this.data[this.index(n, y, x, c)]!;
  }

  /** The same shape with other values (e.g. a perturbed copy). */
  with(data: ArrayLike<number>): Nhwc {
    return new Nhwc(this.shape, data);
  }
}

/** Deterministic pseudo-random values in [-scale, scale) (a small LCG, so tests need no seed plumbing). */
export function randomValues(count: number, seed: number, scale = 1): number[] {
  let state = seed >>> 0 || 1;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state / 2 ** 32) * 2 * scale - scale;
  });
}
