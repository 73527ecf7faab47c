import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointStore } from './checkpoint-store.js';

const tensor = (value: number, length = 4) => ({ dtype: 'F32' as const, shape: [length], data: new Float32Array(length).fill(value) });

describe('CheckpointStore', { timeout: 600_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vidseg-ckpt-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('saves, points latest at the newest checkpoint, keeps the newest few, and verifies on load', async () => {
    const store = new CheckpointStore(join(dir, 'a'), 2);
    expect(await store.loadLatest()).toBeUndefined();
    for (const step of [10, 20, 30]) await store.save(step, { tensors: new Map([['w', tensor(step)]]), state: { step, lr: 0.1 } });
    const latest = await store.loadLatest();
    expect(latest!.step).toBe(30);
    expect(latest!.state).toEqual({ step: 30, lr: 0.1 });
    expect(latest!.tensors.get('w')!.data).toEqual(new Float32Array(4).fill(30));
    expect((await readdir(store.dir)).sort()).toEqual(['latest.json', 'step-00000020', 'step-00000030']);
    // A damaged tensors file is refused with the file named.
    await writeFile(join(latest!.path, 'state.safetensors'), 'garbage');
    await expect(store.loadLatest()).rejects.toThrow(/step-00000030\/state\.safetensors: size or SHA-256 differs/);
  });

  it('never leaves a corrupt latest checkpoint when the writing process is killed mid-save', async () => {
    const script = join(dir, 'child.mjs');
    await build({
      entryPoints: [resolve(__dirname, '../../test/checkpoint-child.ts')],
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['@vidseg/source'],
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true } },
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      logLevel: 'error',
    });
    const folder = join(dir, 'killed');
    let next = 1;
    let interruptedSaves = 0;
    for (let round = 0; round < 4; round++) {
      const { lastSaving } = await runAndKill(script, folder, next, 4_000_000);
      const entries = await readdir(folder);
      if (entries.some((name) => name.startsWith('.tmp-step'))) interruptedSaves++;
      const latest = await new CheckpointStore(folder).loadLatest();
      expect(latest, `round ${round}`).toBeDefined();
      // The latest is the save in progress (if it completed) or the one before: whole and correct.
      expect([lastSaving - 1, lastSaving]).toContain(latest!.step);
      const data = latest!.tensors.get('weights')!.data as Float32Array;
      expect(data.length).toBe(4_000_000);
      expect(data[0]).toBe(latest!.step);
      expect(data[data.length - 1]).toBe(latest!.step);
      expect(latest!.state).toEqual({ step: latest!.step, note: 'child' });
      next = lastSaving + 1;
    }
    // Evidence that the kills landed inside saves (writing 16 MB and syncing takes far longer than the loop around it).
    expect(interruptedSaves).toBeGreaterThan(0);
  });
});

/** Runs the child until it has started its third save, then kills it with SIGKILL; returns the step it was saving. */
function runAndKill(script: string, folder: string, firstStep: number, floats: number): Promise<{ lastSaving: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, folder, String(firstStep), String(floats)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lastSaving = 0;
    let starts = 0;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        const match = /^saving (\d+)$/.exec(line);
        if (!match) continue;
        lastSaving = Number(match[1]);
        if (++starts === 3) setTimeout(() => child.kill('SIGKILL'), 5 + Math.random() * 20);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolvePromise({ lastSaving });
      else reject(new Error(`child exited with ${code}: ${stderr}`));
    });
  });
}
