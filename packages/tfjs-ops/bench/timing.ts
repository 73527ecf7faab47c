import * as tf from '@tensorflow/tfjs-core';

/** Median wall time in ms of `run` (after `warmup` untimed runs); every run's tensors are disposed. */
export async function medianMs(run: () => tf.Tensor | tf.Tensor[], reps: number, warmup = 2): Promise<number> {
  const once = async () => {
    const start = performance.now();
    const outputs = tf.tidy(() => [run()].flat());
    // Wait for the values, so asynchronous backends are timed too.
    await Promise.all(outputs.map((t) => t.data()));
    const elapsed = performance.now() - start;
    tf.dispose(outputs);
    return elapsed;
  };
  for (let i = 0; i < warmup; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) times.push(await once());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
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
