import * as tf from '@tensorflow/tfjs-core';

/** The best CPU time and the median wall time of a run, in ms. */
export interface Timing {
  readonly cpuMs: number;
  readonly wallMs: number;
}

/**
 * The smallest CPU time (user + system of this process) and the median wall time, in ms, of `run`
 * over `reps` runs after `warmup` untimed ones; every run's tensors are disposed. The wasm backend
 * computes on this one thread, so the CPU time is the compute time; the smallest of several is the
 * least disturbed by other processes sharing the cores (the wall time grows with their load).
 */
export async function measure(run: () => tf.Tensor | tf.Tensor[], reps: number, warmup = 2): Promise<Timing> {
  const once = async () => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const outputs = tf.tidy(() => [run()].flat());
    await Promise.all(outputs.map((t) => t.data()));
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    tf.dispose(outputs);
    return { cpuMs: (used.user + used.system) / 1000, wallMs };
  };
  for (let i = 0; i < warmup; i++) await once();
  const runs: Timing[] = [];
  for (let i = 0; i < reps; i++) runs.push(await once());
  const wall = runs.map((r) => r.wallMs).sort((a, b) => a - b);
  return { cpuMs: Math.min(...runs.map((r) => r.cpuMs)), wallMs: wall[Math.floor(wall.length / 2)]! };
}

/** The value of `--name` on the command line, or `fallback`. */
export function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

/** Prints a Markdown table. */
export function printTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}
