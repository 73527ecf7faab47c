import { cpus, loadavg } from 'node:os';

/** Prints a markdown table. */
export function printTable(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  console.log(`| ${headers.join(' | ')} |`);
  console.log(`|${headers.map(() => ' --- ').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log('');
}

/** One line naming the machine, for the README next to the numbers. */
export function machine(): string {
  return `${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, Node ${process.version}, load ${loadavg()[0]!.toFixed(2)}`;
}

/** Median and 90th percentile of `samples` (milliseconds), formatted. */
export function medianP90(samples: readonly number[]): { median: string; p90: string } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5).toFixed(1), p90: at(0.9).toFixed(1) };
}

/** Runs `action` `warmup` times unmeasured (with run numbers runs, runs + 1, ...), then `runs` times (0..runs-1), returning each run's milliseconds. */
export async function timeRuns(action: (run: number) => unknown, runs: number, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await action(runs + i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await action(i);
    times.push(performance.now() - start);
  }
  return times;
}
