// Interleaved timing of the benchmark scripts.

/**
 * Median wall time in ms of each of `runs` (after one warm-up call each). The runs are interleaved
 * rep by rep, so a change in machine load affects all of them alike. Each run must finish its work
 * (read its result).
 */
export async function timeInterleaved<K extends string>(reps: number, runs: Record<K, () => Promise<void>>): Promise<Record<K, number>> {
  const names = Object.keys(runs) as K[];
  const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (const name of names) await runs[name]();
  for (let i = 0; i < reps; i++) {
    for (const name of names) {
      const start = performance.now();
      await runs[name]();
      times[name].push(performance.now() - start);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return Object.fromEntries(names.map((n) => [n, median(times[n])])) as Record<K, number>;
}
