import { DataError, evaluateSequences, SeededRandom, type LabelMap, type ProgressReporter } from '@vidseg/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTinyCamvid } from '../../test/camvid-fixture.js';
import { TrainingClipSampler } from '../sampling/training-clip-sampler.js';
import { CamvidDataset } from './camvid/camvid-dataset.js';

function recordingProgress(): ProgressReporter & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, start: () => ({ advance: () => undefined, done: () => undefined }), log: () => undefined, warn: (m) => warnings.push(m) };
}

/** A tiny CamVid whose second train frame and second val frame are truncated PNGs. */
async function damagedCamvid(): Promise<string> {
  const root = await writeTinyCamvid({ train: ['A_f00030', 'A_f00060', 'A_f00090'], val: ['B_00100', 'B_00102', 'B_00104'] });
  writeFileSync(join(root, 'train', 'A_f00060.png'), 'not a png');
  writeFileSync(join(root, 'val', 'B_00102.png'), 'not a png');
  return root;
}

describe('onBadInput for frames that cannot be decoded', () => {
  it('error (the default): training stops at the bad frame with a DataError naming it', async () => {
    const root = await damagedCamvid();
    const sampler = new TrainingClipSampler(new CamvidDataset({ root, split: 'train' }), { cropSize: [8, 12] });
    await expect(sampler.sample(1, new SeededRandom(1))).rejects.toThrow(/cannot decode .*A_f00060\.png.*onBadInput: skip/s);
  });

  it('skip: training draws the next readable frame, warns once per frame, and lists it', async () => {
    const root = await damagedCamvid();
    const progress = recordingProgress();
    const sampler = new TrainingClipSampler(new CamvidDataset({ root, split: 'train', onBadInput: 'skip' }), { cropSize: [8, 12] }, { progress });
    for (let round = 0; round < 3; round++) {
      const sample = await sampler.sample(1, new SeededRandom(round));
      expect(sample.frames[sample.target]!.id).toBe('A_f00090');
    }
    expect(sampler.skipped).toEqual([{ position: 1, reason: expect.stringMatching(/^cannot decode .*train\/A_f00060\.png/) }]);
    expect(progress.warnings).toHaveLength(1);
    expect(progress.warnings[0]).toMatch(/^skipped training frame 1 \(1 so far; onBadInput: skip\): cannot decode .*A_f00060\.png/);
  });

  it('skip: a split where nothing can be read is still an error', async () => {
    const root = await writeTinyCamvid({ train: ['A_f00030'] });
    writeFileSync(join(root, 'train', 'A_f00030.png'), '');
    const sampler = new TrainingClipSampler(new CamvidDataset({ root, split: 'train', onBadInput: 'skip' }), { cropSize: [8, 12] });
    await expect(sampler.sample(0, new SeededRandom(1))).rejects.toThrow(DataError);
  });

  it('skip: evaluation leaves the frame out, pairs no frames across the gap, and reports it in the result', async () => {
    const root = await damagedCamvid();
    const frames: string[] = [];
    const pairs: number[] = [];
    const metric = {
      name: 'recorder',
      reset: () => undefined,
      update: (frame: { position: number; flowToNext?: unknown }) => void (frame.flowToNext && pairs.push(frame.position)),
      result: () => ({ values: { seen: frames.length } }),
    };
    const flow = { name: 'zero', cacheKey: 'zero', estimate: async () => ({ width: 16, height: 12, data: new Float32Array(16 * 12 * 2) }) };
    const progress = recordingProgress();
    const predict = async (frame: { id: string; label?: LabelMap }) => (frames.push(frame.id), frame.label!);
    const strict = new CamvidDataset({ root, split: 'val' });
    await expect(evaluateSequences({ dataset: strict, metrics: [metric], predict })).rejects.toThrow(/B_00102\.png/);
    frames.length = 0;
    const lenient = new CamvidDataset({ root, split: 'val', onBadInput: 'skip' });
    const result = await evaluateSequences({ dataset: lenient, metrics: [metric], predict, flow, progress } as Parameters<typeof evaluateSequences>[0]);
    expect(frames).toEqual(['B_00100', 'B_00104']);
    expect(result.frames).toBe(2);
    expect(pairs).toEqual([]);
    expect(result.skipped).toEqual([{ position: 1, reason: expect.stringMatching(/^cannot decode .*val\/B_00102\.png/) }]);
    expect(progress.warnings[0]).toMatch(/^skipped evaluation frame 1 \(1 so far; onBadInput: skip\)/);
  });
});
