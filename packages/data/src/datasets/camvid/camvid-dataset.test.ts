import { createContainer, createRunContainer, DataError, pluginRegistry, SeededRandom, type ProgressReporter } from '@vidseg/core';
import { requireShared } from '@vidseg/test-support';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTinyCamvid } from '../../../test/camvid-fixture.js';
import { register } from '../../register.js';
import { TrainingClipSampler } from '../../sampling/training-clip-sampler.js';
import { CamvidDataset } from './camvid-dataset.js';

const warnings: string[] = [];
const progress: ProgressReporter = { start: () => ({ advance: () => undefined, done: () => undefined }), log: () => undefined, warn: (m) => warnings.push(m) };

describe('CamvidDataset (tiny layout)', () => {
  it('reads frames with validated labels, sequence and index from the file name', async () => {
    const root = await writeTinyCamvid({ train: ['A_f00030', 'A_f00060'], val: ['B_00100', 'B_00102', 'B_00104'] });
    const train = new CamvidDataset({ root, split: 'train' });
    expect(train.size).toBe(2);
    const frame = await train.frame(1);
    expect(frame).toMatchObject({ id: 'A_f00060', sequence: 'A', index: 60 });
    expect(frame.image).toMatchObject({ width: 16, height: 12, channels: 3 });
    expect(frame.label!.data[0]).toBe(1);
    expect(train.sequences()).toEqual([{ name: 'A', positions: [0, 1], frameStep: 30 }]);
  });

  it('gives raw neighbours where they exist (val, 2 frames apart) and pseudo-motion pairs elsewhere', async () => {
    const root = await writeTinyCamvid({ train: ['A_f00030', 'A_f00060'], val: ['B_00100', 'B_00102', 'B_00104'] });
    const val = new CamvidDataset({ root, split: 'val' });
    expect((await val.neighbour(0, 2))?.id).toBe('B_00102');
    expect((await val.neighbour(0, 4))?.label).toBeDefined();
    expect(await val.neighbour(0, 1)).toBeUndefined();
    expect(await val.exactNeighbour(0, 2, new SeededRandom(0))).toBeUndefined();
    const pseudo = await val.exactNeighbour(0, 1, new SeededRandom(0));
    expect(pseudo?.frame.id).toBe('B_00100~pseudo+1');
    expect(pseudo?.frame.label?.data.length).toBe(192);
    const off = new CamvidDataset({ root, split: 'train', pseudoMotion: { mode: 'off' } });
    expect(await off.exactNeighbour(0, 1, new SeededRandom(0))).toBeUndefined();
    const train = new CamvidDataset({ root, split: 'train' });
    const sample = await new TrainingClipSampler(train, { cropSize: [8, 12] }).sample(0, new SeededRandom(1));
    expect(sample.frames).toHaveLength(2);
    expect(sample.exactFlows!.filter(Boolean)).toHaveLength(1);
    expect(val.sequences()).toEqual([{ name: 'B', positions: [0, 1, 2], frameStep: 2 }]);
  });

  it('names the missing list, the malformed line, the missing file and the empty split', async () => {
    const root = await writeTinyCamvid({ train: ['A_f00030', 'A_f00060'], val: [] });
    expect(() => new CamvidDataset({ root, split: 'test' })).toThrow(`CamVid list ${join(root, 'test.txt')} not found`);
    expect(() => new CamvidDataset({ root, split: 'val' })).toThrow(`camvid val: the split is empty (no usable frames in ${join(root, 'val.txt')})`);
    writeFileSync(join(root, 'val.txt'), 'val/B_00100.png\n');
    expect(() => new CamvidDataset({ root, split: 'val' })).toThrow(`${join(root, 'val.txt')}:1: expected "<split>/<sequence>_<frame>.png <split>annot/<sequence>_<frame>.png", got "val/B_00100.png"`);
    rmSync(join(root, 'trainannot', 'A_f00060.png'));
    expect(() => new CamvidDataset({ root, split: 'train' })).toThrow(`file not found: ${join(root, 'trainannot', 'A_f00060.png')} (listed in ${join(root, 'train.txt')})`);
    const lenient = new CamvidDataset({ root, split: 'train', onBadInput: 'skip' }, progress);
    expect(lenient.size).toBe(1);
    expect(lenient.skipped).toHaveLength(1);
    expect(warnings.at(-1)).toMatch(/^skipped frame A_f00060 \(1 so far\): file not found: .*A_f00060\.png/);
  });

  it('rejects a label map of another size or with values outside 0..11, naming the file', async () => {
    const root = await writeTinyCamvid({ train: ['A_f00030', 'A_f00060'] });
    const { writePng } = await import('../../io/write-png.js');
    await writePng(join(root, 'trainannot', 'A_f00030.png'), { width: 15, height: 12, data: new Uint8Array(180) });
    await writePng(join(root, 'trainannot', 'A_f00060.png'), { width: 16, height: 12, data: new Uint8Array(192).fill(12) });
    const data = new CamvidDataset({ root, split: 'train' });
    await expect(data.frame(0)).rejects.toThrow(`label map ${join(root, 'trainannot', 'A_f00030.png')} is 15x12; expected 16x12`);
    await expect(data.frame(1)).rejects.toThrow(DataError);
    await expect(data.frame(1)).rejects.toThrow(/192 pixels have values outside the class set \(first: 12 at x=0, y=0\); expected 0\.\.10 or 11/);
  });

  it('is registered as the dataset plugin "camvid" with its options', async () => {
    const root = await writeTinyCamvid({ val: ['B_00100', 'B_00102'] });
    const container = createContainer();
    register(container);
    const run = createRunContainer(container, { seed: 0 });
    const data = pluginRegistry(container).create(run, 'dataset', { type: 'camvid', root, split: 'val', pseudoMotion: { zoom: 0.01 } }) as CamvidDataset;
    expect(data.options.pseudoMotion).toMatchObject({ mode: 'auto', zoom: 0.01, rotation: 0.15 });
    expect(data.size).toBe(2);
  });
});

const camvid = requireShared('data', 'camvid');
describe.skipIf(!camvid.path)(`CamvidDataset on ../shared/data/camvid ${camvid.skipReason}`, { timeout: 600_000 }, () => {
  it('loads 367 / 101 / 233 labelled frames, and val is one sequence of 100 consecutive pairs', async () => {
    const sizes = ['train', 'val', 'test'].map((split) => new CamvidDataset({ root: camvid.path!, split: split as 'train' }).size);
    expect(sizes).toEqual([367, 101, 233]);
    const val = new CamvidDataset({ root: camvid.path!, split: 'val' });
    const [sequence, ...others] = val.sequences();
    expect(others).toEqual([]);
    expect(sequence).toMatchObject({ name: '0016E5', frameStep: 2 });
    expect(sequence!.positions.length - 1).toBe(100);
    const first = await val.frame(sequence!.positions[0]!);
    const last = await val.frame(sequence!.positions[100]!);
    expect([first.id, last.id]).toEqual(['0016E5_07959', '0016E5_08159']);
    expect(first.image).toMatchObject({ width: 480, height: 360, channels: 3 });
    expect(first.label!.data.reduce((a, b) => Math.max(a, b), 0)).toBeLessThanOrEqual(11);
    expect((await val.neighbour(sequence!.positions[0]!, 2))?.id).toBe('0016E5_07961');
  });

  it('reads every label map of val and test without a validation error', async () => {
    for (const split of ['val', 'test'] as const) {
      const data = new CamvidDataset({ root: camvid.path!, split });
      for (let p = 0; p < data.size; p += 7) expect((await data.frame(p)).label!.width).toBe(480);
    }
  });
});
