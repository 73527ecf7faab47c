import { CAMVID_PALETTE, colorizeLabels, SeededRandom } from '@vidseg/core';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { texturedImage } from '../../../test/fake-dataset.js';
import { writePng } from '../../io/write-png.js';
import { FramesDataset } from './frames-dataset.js';

async function folder(labelled: readonly number[]): Promise<{ root: string; labels: string }> {
  const base = mkdtempSync(join(tmpdir(), 'vidseg-frames-'));
  const root = join(base, 'drive');
  const labels = join(base, 'labels');
  mkdirSync(root);
  mkdirSync(labels);
  for (const k of [1, 2, 10, 11]) await writePng(join(root, `frame${k}.png`), texturedImage(6, 4, k));
  writeFileSync(join(root, 'notes.txt'), 'not a frame');
  for (const k of labelled) await writePng(join(labels, `frame${k}.png`), colorizeLabels({ width: 6, height: 4, data: new Uint8Array(24).fill(k % 11) }, CAMVID_PALETTE));
  return { root, labels };
}

describe('FramesDataset', () => {
  it('orders frames by name with numbers compared numerically, unlabelled when no labels folder is given', async () => {
    const { root } = await folder([]);
    const data = new FramesDataset({ root });
    expect(data.size).toBe(4);
    expect(await Promise.all([0, 1, 2, 3].map(async (p) => (await data.frame(p)).id))).toEqual(['frame1', 'frame2', 'frame10', 'frame11']);
    expect((await data.frame(2)).label).toBeUndefined();
    expect((await data.neighbour(2, 1))?.id).toBe('frame11');
    expect(await data.neighbour(3, 1)).toBeUndefined();
    expect((await data.exactNeighbour(3, 1, new SeededRandom(0)))?.frame.id).toBe('frame11~pseudo+1');
    expect(data.sequences()).toEqual([{ name: 'drive', positions: [0, 1, 2, 3], frameStep: 1 }]);
    expect(data.sourceOf(2)).toBe(join(root, 'frame10.png'));
  });

  it('uses labelled frames as positions and decodes colour-coded labels', async () => {
    const { root, labels } = await folder([2, 11]);
    const data = new FramesDataset({ root, labels, labelEncoding: 'colours' });
    expect(data.size).toBe(2);
    const frame = await data.frame(1);
    expect(frame).toMatchObject({ id: 'frame11', index: 3 });
    expect(frame.label!.data[0]).toBe(0);
    expect((await data.neighbour(0, 1))?.id).toBe('frame10');
    expect(data.sequences()).toEqual([{ name: 'drive', positions: [0, 1], frameStep: 2 }]);
    await expect(new FramesDataset({ root, labels }).frame(0)).rejects.toThrow(/is a colour image .*expected 8-bit grey class ids/);
  });

  it('reads Cityscapes labelIds maps as the 19 trainIds (255 ignored) with label-ids encoding', async () => {
    const { root, labels } = await folder([]);
    // labelIds 7 road, 26 car, 0 unlabelled, 23 sky -> trainIds 0, 13, 255, 10.
    await writePng(join(labels, 'frame2.png'), { width: 6, height: 4, data: Uint8Array.from({ length: 24 }, (_, p) => [7, 26, 0, 23][p % 4]!) });
    const data = new FramesDataset({ root, labels, classes: 'cityscapes', labelEncoding: 'label-ids' });
    expect([data.size, data.classes.length, data.ignoreLabel]).toEqual([1, 19, 255]);
    expect([...(await data.frame(0)).label!.data.subarray(0, 4)]).toEqual([0, 13, 255, 10]);
    expect(() => new FramesDataset({ root, labels, labelEncoding: 'label-ids' })).toThrow('labelEncoding: label-ids are Cityscapes labelIds: set classes: cityscapes with it');
  });

  it('names a missing folder and label maps without a frame', async () => {
    const { root, labels } = await folder([2]);
    expect(() => new FramesDataset({ root: join(root, 'nope') })).toThrow(`frames folder ${join(root, 'nope')} not found`);
    await writePng(join(labels, 'frame99.png'), { width: 6, height: 4, data: new Uint8Array(24) });
    expect(() => new FramesDataset({ root, labels })).toThrow(`label map ${join(labels, 'frame99.png')} has no frame of the same name in ${root}`);
    expect(new FramesDataset({ root, labels, onBadInput: 'skip' }).skipped).toHaveLength(1);
    expect(() => new FramesDataset({ root, labels: join(root, '..', 'empty-labels-missing') })).toThrow(/labels folder .* not found/);
  });
});
