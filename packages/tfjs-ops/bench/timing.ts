import * as tf from '@tensorflow/tfjs-core';

/** Median CPU time and wall time of a run, in ms. */
export interface Timing {
  readonly cpuMs: number;
  readonly wallMs: number;
}

/**
 * Median CPU time (user + system of this process) and median wall time, in ms, of `run` after
 * `warmup` untimed runs; every run's tensors are disposed. The wasm backend computes on this one
 * thread, so the CPU time is the compute time even while other processes share the cores (the wall
 * time then grows with the load).
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
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { cpuMs: median(runs.map((r) => r.cpuMs)), wallMs: median(runs.map((r) => r.wallMs)) };
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
