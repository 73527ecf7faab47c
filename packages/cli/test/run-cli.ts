import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built binary: the end-to-end tests run exactly what users run (`npm run build` first). */
export const VIDSEG_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bin', 'vidseg.js');

/** The result of one CLI invocation. */
export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `vidseg args...` to completion in `cwd`. */
export function runCli(args: readonly string[], cwd: string): CliResult {
  const result = spawnSync(process.execPath, [VIDSEG_BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 590_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Starts `vidseg args...` and sends it `signal` once its stderr contains `trigger`; `secondsToExit`
 * is the time from the signal to the end of the process.
 */
export function runCliUntil(args: readonly string[], cwd: string, trigger: RegExp, signal: NodeJS.Signals): Promise<CliResult & { signalled: boolean; secondsToExit?: number }> {
  return new Promise((resolve) => {
    let signalledAt = 0;
    const child = spawn(process.execPath, [VIDSEG_BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', VIDSEG_PROGRESS_INTERVAL: '0' } });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!signalled && trigger.test(stderr)) {
        signalled = true;
        signalledAt = performance.now();
        child.kill(signal);
      }
    });
    child.on('close', (status) => resolve({ status, stdout, stderr, signalled, ...(signalled ? { secondsToExit: (performance.now() - signalledAt) / 1000 } : {}) }));
  });
}

/** A temporary folder with the given files (name -> content). */
export function workspace(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vidseg-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** A tiny, fast training config on synthetic clips (48x64 frames, the tiny zoo model). */
export const TINY_CONFIG = `
seed: 3
backend: { type: wasm }
model: { type: tiny, width: 8 }
data:
  train: { type: synthetic, split: train, clips: 2, framesPerClip: 8, size: [48, 64] }
  val: { type: synthetic, split: val, clips: 1, framesPerClip: 4, size: [48, 64] }
  sampler: { gaps: [-1, 1] }
losses:
  - { type: cross-entropy }
  - { type: temporal, weight: 0.1 }
train: { steps: 6, batchSize: 2, inputSize: [48, 64], checkpointEvery: 2, logEvery: 1 }
eval: { metrics: [{ type: miou }, { type: tc }, { type: vc, n: 2 }] }
`;
