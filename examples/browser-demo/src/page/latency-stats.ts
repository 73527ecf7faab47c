/** Frames whose timings are left out of the statistics: the first runs compile and allocate. */
export const WARM_UP_FRAMES = 2;

/** Timings of repeated runs: median and 90th percentile after {@link WARM_UP_FRAMES} warm-up runs. */
export class LatencyStats {
  private readonly samples: number[] = [];
  private seen = 0;

  add(milliseconds: number): void {
    this.seen++;
    if (this.seen > WARM_UP_FRAMES) this.samples.push(milliseconds);
  }

  /** Runs counted (warm-up excluded). */
  get count(): number {
    return this.samples.length;
  }

  /** The q-quantile (0..1) of the counted runs, nearest rank; NaN before any. */
  quantile(q: number): number {
    if (this.samples.length === 0) return Number.NaN;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  }

  reset(): void {
    this.samples.length = 0;
    this.seen = 0;
  }
}
