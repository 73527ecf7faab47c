/** Wall-clock median and 90th percentile of repeated runs after warm-up, and the median CPU time. */
export interface Timing {
  readonly medianMs: number;
  readonly p90Ms: number;
  /**
   * Median CPU time of this process per run (user + system, all threads). Other processes on a
   * shared machine lengthen the wall-clock time but barely this, so it shows the work itself.
   */
  readonly cpuMedianMs: number;
  readonly runs: number;
}

/** How long to measure: at least `minRuns` rounds and `minSeconds`, at most `maxRuns` rounds, after `warmup` rounds. */
export interface TimingPlan {
  readonly warmup: number;
  readonly minRuns: number;
  readonly maxRuns: number;
  readonly minSeconds: number;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/**
 * Times each task (awaited) by the plan, in rounds that run every task once: on a machine shared
 * with other work, the load then falls on all tasks alike and their ratios stay fair. The
 * statistics are over the measured rounds only.
 */
export async function measureTogether(tasks: readonly (() => Promise<void>)[], plan: TimingPlan): Promise<Timing[]> {
  for (let i = 0; i < plan.warmup; i++) for (const task of tasks) await task();
  const wall = tasks.map((): number[] => []);
  const cpu = tasks.map((): number[] => []);
  const start = performance.now();
  let rounds = 0;
  while (rounds < plan.maxRuns && (rounds < plan.minRuns || performance.now() - start < plan.minSeconds * 1000)) {
    for (const [i, task] of tasks.entries()) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await task();
      wall[i]!.push(performance.now() - t0);
      const used = process.cpuUsage(cpu0);
      cpu[i]!.push((used.user + used.system) / 1000);
    }
    rounds++;
  }
  return tasks.map((_, i) => ({ medianMs: quantile(wall[i]!, 0.5), p90Ms: quantile(wall[i]!, 0.9), cpuMedianMs: quantile(cpu[i]!, 0.5), runs: rounds }));
}
