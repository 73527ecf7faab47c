import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
/** The built CLI (`npm run build` at the repository root, which `npm ci` runs). */
const VIDSEG = fileURLToPath(new URL('../../../packages/cli/dist/bin/vidseg.js', import.meta.url));

const vidseg = (args: readonly string[]) => promisify(execFile)(process.execPath, [VIDSEG, ...args], { cwd: PACKAGE_DIR });

/** The example's config, made tiny: 3 steps on 64x48 crops of a few synthetic frames. */
const TINY = [
  'train.steps=3',
  'train.logEvery=1',
  'train.batchSize=2',
  'train.inputSize=[48, 64]',
  'data.train={ type: synthetic, split: train, clips: 2, framesPerClip: 4, size: [48, 64] }',
  'data.val={ type: synthetic, split: val, clips: 1, framesPerClip: 3, size: [48, 64] }',
].flatMap((override) => ['--set', override]);

interface StepRecord {
  readonly event: 'step';
  readonly step: number;
  readonly loss: number;
  readonly terms: Record<string, number>;
}

describe('the CLI trains with the soft-dice plugin named in the config', { timeout: 600_000 }, () => {
  let runDir: string;
  let stdout: string;

  beforeAll(async () => {
    runDir = join(await mkdtemp(join(tmpdir(), 'vidseg-custom-loss-')), 'run');
    ({ stdout } = await vidseg(['train', '-c', join(PACKAGE_DIR, 'configs', 'soft-dice.yaml'), ...TINY, '--run-dir', runDir]));
  }, 600_000);

  afterAll(async () => {
    if (runDir) await rm(join(runDir, '..'), { recursive: true, force: true });
  });

  it('logs the soft-dice value of every step, weighted 0.5 in the total', async () => {
    expect(stdout).toMatch(/^trained 3 steps in /);
    const records = (await readFile(join(runDir, 'log.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string })
      .filter((record): record is StepRecord => record.event === 'step');
    expect(records.map((r) => r.step)).toEqual([1, 2, 3]);
    for (const { loss, terms } of records) {
      expect(Object.keys(terms)).toEqual(['losses[0]:cross-entropy', 'losses[1]:soft-dice']);
      const dice = terms['losses[1]:soft-dice']!;
      expect(dice).toBeGreaterThan(0);
      expect(dice).toBeLessThanOrEqual(1);
      expect(loss).toBeCloseTo(terms['losses[0]:cross-entropy']! + 0.5 * dice, 5);
    }
  });

  it('finishes the run: metrics and the exported model', async () => {
    const metrics = JSON.parse(await readFile(join(runDir, 'metrics.json'), 'utf8')) as { steps: number; model: string | null };
    expect(metrics.steps).toBe(3);
    expect(metrics.model).toBe(join(runDir, 'model.onnx'));
  });

  it('is listed with its options by vidseg list --plugin', async () => {
    const { stdout: listing } = await vidseg(['list', 'loss', '--plugin', '@vidseg/example-custom-loss']);
    expect(listing).toMatch(/\n {2}soft-dice +Soft Dice loss on the labelled frame.*\[@vidseg\/example-custom-loss\]\n/);
    expect(listing).toMatch(/smooth \(number, default 1\): added to the numerator/);
  });
});
