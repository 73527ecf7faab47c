import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { skipReason } from '@vidseg/test-support';
import { describe, expect, it } from 'vitest';
import { readRunLog, type RunLogRecord } from '../src/run/read-run-log.js';
import { runCli, runCliUntil, VIDSEG_BIN, workspace } from './run-cli.js';

/**
 * The losses and final evaluation of 20 steps of the demo config, recorded before the training run
 * was restructured (see the file's `recordedAt` and `command`): a refactoring must not change them.
 */
interface Recording {
  readonly losses: readonly number[];
  readonly finalEvaluation: Readonly<Record<string, number>>;
}

const here = dirname(fileURLToPath(import.meta.url));
const RECORDING = JSON.parse(readFileSync(join(here, 'fixtures', 'demo-20-steps.json'), 'utf8')) as Recording;
const DEMO_CONFIG = join(here, 'fixtures', 'recorded-demo.yaml');
const TWENTY_STEPS = ['train', '-c', DEMO_CONFIG, '--set', 'train.steps=20', '--set', 'train.evalEvery=0'];
const built = existsSync(VIDSEG_BIN);

/** Relative difference, with the recorded value as the scale. */
function relativeDifference(actual: number, recorded: number): number {
  return Math.abs(actual - recorded) / Math.max(Math.abs(recorded), 1e-12);
}

function expectRecordedNumbers(records: readonly RunLogRecord[]): void {
  const steps = records.filter((r) => r.event === 'step');
  expect(steps.map((r) => r.step)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  steps.forEach((r, i) => expect(relativeDifference(r.loss!, RECORDING.losses[i]!), `loss of step ${r.step}`).toBeLessThanOrEqual(1e-6));
  const evaluation = records.filter((r) => r.event === 'evaluation').at(-1)!.values!;
  expect(Object.keys(evaluation).sort()).toEqual(Object.keys(RECORDING.finalEvaluation).sort());
  for (const [name, recorded] of Object.entries(RECORDING.finalEvaluation)) {
    expect(relativeDifference(evaluation[name]!, recorded), `final ${name}`).toBeLessThanOrEqual(1e-6);
  }
}

describe.skipIf(!built)(`20 steps of the demo config give the recorded numbers${skipReason(built, VIDSEG_BIN, 'run npm run build')}`, () => {
  it('an uninterrupted run', { timeout: 600_000 }, async () => {
    const dir = workspace({});
    const result = runCli([...TWENTY_STEPS, '--run-dir', 'run'], dir);
    expect(result.status, result.stderr).toBe(0);
    expectRecordedNumbers(await readRunLog(join(dir, 'run', 'log.jsonl')));
  });

  it('a run killed outright after its step-10 checkpoint, then resumed', { timeout: 600_000 }, async () => {
    const dir = workspace({});
    const args = [...TWENTY_STEPS, '--set', 'train.checkpointEvery=10', '--run-dir', 'run'];
    const killed = await runCliUntil(args, dir, /checkpoint: .*step-00000010/, 'SIGKILL');
    expect(killed.signalled, killed.stderr).toBe(true);
    const resumed = runCli(['train', '--resume', '--run-dir', 'run'], dir);
    expect(resumed.status, resumed.stderr).toBe(0);
    const records = await readRunLog(join(dir, 'run', 'log.jsonl'));
    expect(records.find((r) => r.event === 'resume')?.step).toBe(10);
    expectRecordedNumbers(records);
  });

  it('Ctrl-C after the first step: exit 130 with a checkpoint of the last finished step; --resume gives the recorded numbers and adds up the time', { timeout: 600_000 }, async () => {
    const dir = workspace({});
    const stopped = await runCliUntil([...TWENTY_STEPS, '--run-dir', 'run'], dir, /train\s+\d+\/20\b/, 'SIGINT');
    expect(stopped.signalled, stopped.stderr).toBe(true);
    expect(stopped.status, stopped.stderr).toBe(130);
    // One step takes about a second here; the bound only catches a run that ignores the signal.
    expect(stopped.secondsToExit).toBeLessThan(120);
    const stoppedAt = Number(/^stopped (\d+) steps/.exec(stopped.stdout)?.[1]);
    expect(stoppedAt).toBeGreaterThanOrEqual(1);
    expect(stoppedAt).toBeLessThan(20);
    const latest = JSON.parse(readFileSync(join(dir, 'run', 'checkpoints', 'latest.json'), 'utf8')) as { step: number; folder: string };
    expect(latest.step).toBe(stoppedAt);
    const saved = JSON.parse(readFileSync(join(dir, 'run', 'checkpoints', latest.folder, 'checkpoint.json'), 'utf8')) as { state: { seconds: number } };
    expect(saved.state.seconds).toBeGreaterThan(0);

    const resumed = runCli(['train', '--resume', '--run-dir', 'run'], dir);
    expect(resumed.status, resumed.stderr).toBe(0);
    const records = await readRunLog(join(dir, 'run', 'log.jsonl'));
    expect(records.find((r) => r.event === 'resume')?.step).toBe(stoppedAt);
    expectRecordedNumbers(records);
    const metrics = JSON.parse(readFileSync(join(dir, 'run', 'metrics.json'), 'utf8')) as { seconds: number };
    expect(metrics.seconds).toBeGreaterThan(saved.state.seconds);
    expect(Number(/^trained 20 steps in ([\d.]+) s/.exec(resumed.stdout)?.[1])).toBeCloseTo(metrics.seconds, 0);
  });
});
