import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { requireShared, skipReason } from '@vidseg/test-support';
import { describe, expect, it } from 'vitest';
import { runCli, VIDSEG_BIN } from './run-cli.js';

const REPO = join(dirname(VIDSEG_BIN), '..', '..', '..', '..');
const models = requireShared('models');
const camvid = requireShared('data', 'camvid');
const video = requireShared('data', 'video');
const reason = skipReason(existsSync(VIDSEG_BIN), VIDSEG_BIN, 'run npm run build') || models.skipReason || camvid.skipReason || video.skipReason;

describe.skipIf(reason !== '')(`unlabelled real video: training and label-free evaluation ${reason}`, { timeout: 900_000 }, () => {
  it('trains a CamVid student with the temporal loss on DAVIS street frames (data.unlabelled), two held out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vidseg-unlabelled-'));
    const unlabelled = {
      datasets: [{ type: 'video-folder', root: join(video.path!, 'davis-street'), exclude: ['car-shadow', 'scooter-black'] }],
      ratio: 2,
      flow: { type: 'cached', dir: join(dir, 'flow-cache'), estimator: { type: 'farneback' } },
    };
    const sets = [
      'train.steps=2',
      'train.batchSize=1',
      'train.checkpointEvery=0',
      'train.inputSize=[96, 128]',
      'eval.metrics=[{type: miou}]',
      `data.unlabelled=${JSON.stringify(unlabelled)}`,
      'losses=[{type: cross-entropy}, {type: temporal, weight: 1}]',
    ];
    const config = join(REPO, 'configs', 'camvid', 'init-from-cityscapes.yaml');
    const result = runCli(['train', '-c', config, '--run-dir', 'run', ...sets.flatMap((s) => ['--set', s])], dir);
    expect(result.status, result.stderr).toBe(0);
    // car-roundabout (75) + soapbox (99) frames; 2 unlabelled clips per labelled clip.
    expect(result.stderr).toMatch(/unlabelled video \(data\.unlabelled\): 2 clips per micro-batch from 174 frames of 1 dataset\(s\)/);
    const steps = readFileSync(join(dir, 'run', 'log.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; terms?: Record<string, number> })
      .filter((entry) => entry.event === 'step');
    expect(steps).toHaveLength(2);
    for (const { terms } of steps) expect(terms!['losses[1]:temporal']).toBeGreaterThan(0);
    // Each unlabelled pair's flow was estimated once per direction and cached.
    expect(readdirSync(join(dir, 'flow-cache')).length).toBeGreaterThan(0);
    const checkpoint = readdirSync(join(dir, 'run', 'checkpoints')).find((name) => name.startsWith('step-'))!;
    const { state } = JSON.parse(readFileSync(join(dir, 'run', 'checkpoints', checkpoint, 'checkpoint.json'), 'utf8')) as { state: { unlabelled?: { random: number[] } } };
    expect(state.unlabelled?.random.length).toBeGreaterThan(0);
  });

  it('reports label-free consistency of the pretrained ESPNet-CamVid on a held-out DAVIS sequence (--input and a frames split)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vidseg-label-free-'));
    const config = join(REPO, 'configs', 'camvid', 'espnet-pretrained.yaml');
    const weights = join(models.path!, 'espnet-camvid.safetensors');
    const sequence = join(video.path!, 'davis-street', 'car-shadow');
    const byInput = runCli(['eval', '-c', config, '--weights', weights, '--input', sequence, '--out', 'input.json'], dir);
    expect(byInput.status, byInput.stderr).toBe(0);
    expect(byInput.stdout).toMatch(/labelFreeTc\s+\d+\.\d+ %/);
    expect(byInput.stdout).toMatch(/Label-free consistency \(no labels read\)/);
    const record = JSON.parse(readFileSync(join(dir, 'input.json'), 'utf8')) as Record<string, unknown> & { values: Record<string, number> };
    expect(record.frames).toBe(40);
    expect(record.values.pairs).toBe(39);
    for (const key of ['labelFreeTc', 'unchangedShare'] as const) {
      expect(record[key]).toBe(record.values[key]);
      expect(record.values[key]).toBeGreaterThan(0);
      expect(record.values[key]).toBeLessThan(1);
    }
    // vidseg infer --metrics measures the same figures while it segments.
    expect(runCli(['export', '-c', config, '--weights', weights, '--out', 'model.onnx'], dir).status).toBe(0);
    const inferred = runCli(['infer', '--model', 'model.onnx', '--input', sequence, '--out', 'segmented', '--no-overlays', '--metrics'], dir);
    expect(inferred.status, inferred.stderr).toBe(0);
    expect(inferred.stdout).toMatch(/label-free consistency over 39 pairs \(no labels\): labelFreeTc \d+\.\d+ %/);
    const measured = JSON.parse(readFileSync(join(dir, 'segmented', 'label-free.json'), 'utf8')) as Record<string, number>;
    expect(measured.pairs).toBe(39);
    expect(measured.labelFreeTc).toBeCloseTo(record.labelFreeTc as number, 4);
    expect(measured.unchangedShare).toBeCloseTo(record.unchangedShare as number, 4);
    // A split configured as a frames folder without labels is evaluated the same way.
    const bySplit = runCli(['eval', '-c', config, '--weights', weights, '--set', `data.val={type: frames, root: ${JSON.stringify(sequence)}}`, '--out', 'split.json'], dir);
    expect(bySplit.status, bySplit.stderr).toBe(0);
    const split = JSON.parse(readFileSync(join(dir, 'split.json'), 'utf8')) as Record<string, number>;
    expect(split.labelFreeTc).toBeCloseTo(record.labelFreeTc as number, 6);
    expect(split.unchangedShare).toBeCloseTo(record.unchangedShare as number, 6);
  });
});
