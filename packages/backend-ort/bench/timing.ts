/** Median and 90th percentile of repeated runs, after warm-up. */
export interface Timing {
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly runs: number;
}

/** How long to measure: at least `minRuns` runs and `minSeconds`, at most `maxRuns`, after `warmup` runs. */
export interface TimingPlan {
  readonly warmup: number;
  readonly minRuns: number;
  readonly maxRuns: number;
  readonly minSeconds: number;
}

/** Times `run` (awaited) by the plan; the statistics are over the measured runs only. */
export async function measure(run: () => Promise<void>, plan: TimingPlan): Promise<Timing> {
  for (let i = 0; i < plan.warmup; i++) await run();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < plan.maxRuns && (times.length < plan.minRuns || performance.now() - start < plan.minSeconds * 1000)) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const quantile = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return { medianMs: quantile(0.5), p90Ms: quantile(0.9), runs: times.length };
}
