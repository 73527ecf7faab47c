import { SeededRandom } from '@vidseg/core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { texturedImage } from '../../../test/fake-dataset.js';
import { writePng } from '../../io/write-png.js';
import { CityscapesDataset } from './cityscapes-dataset.js';

/** A tiny Cityscapes: one city, snippets 000000 (with sequence frames 17..21) and 000001 (none). */
async function tinyCityscapes(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'vidseg-cityscapes-'));
  for (const folder of ['leftImg8bit', 'gtFine', 'leftImg8bit_sequence']) mkdirSync(join(root, folder, 'val', 'ulm'), { recursive: true });
  for (const seq of ['000000', '000001']) {
    const base = `ulm_${seq}_000019`;
    await writePng(join(root, 'leftImg8bit', 'val', 'ulm', `${base}_leftImg8bit.png`), texturedImage(8, 4, 1));
    await writePng(join(root, 'gtFine', 'val', 'ulm', `${base}_gtFine_labelIds.png`), { width: 8, height: 4, data: Uint8Array.from({ length: 32 }, (_, p) => [7, 26, 0, 23][p % 4]!) });
    await writePng(join(root, 'gtFine', 'val', 'ulm', `${base}_gtFine_color.png`), texturedImage(8, 4, 2));
  }
  for (let frame = 17; frame <= 21; frame++) {
    await writePng(join(root, 'leftImg8bit_sequence', 'val', 'ulm', `ulm_000000_0000${frame}_leftImg8bit.png`), texturedImage(8, 4, frame));
  }
  return root;
}

describe('CityscapesDataset', () => {
  it('maps labelIds to the 19 trainIds and finds neighbours in leftImg8bit_sequence', async () => {
    const root = await tinyCityscapes();
    const data = new CityscapesDataset({ root, split: 'val' });
    expect([data.size, data.classes.length, data.ignoreLabel]).toEqual([2, 19, 255]);
    const frame = await data.frame(0);
    expect(frame).toMatchObject({ id: 'ulm_000000_000019', sequence: 'ulm_000000', index: 19 });
    expect([...frame.label!.data.subarray(0, 4)]).toEqual([0, 13, 255, 10]);
    expect((await data.neighbour(0, 2))?.id).toBe('ulm_000000_000021');
    expect((await data.neighbour(0, -2))?.label).toBeUndefined();
    expect(await data.neighbour(0, 3)).toBeUndefined();
    expect(await data.neighbour(1, 1)).toBeUndefined();
    expect(await data.exactNeighbour(0, 1, new SeededRandom(0))).toBeUndefined();
    expect((await data.exactNeighbour(1, 1, new SeededRandom(0)))?.frame.id).toBe('ulm_000001_000019~pseudo+1');
    expect(data.sequences().map((s) => s.name)).toEqual(['ulm_000000', 'ulm_000001']);
  });

  it('reads JPEG (and WebP) frames as well as PNG, in leftImg8bit and leftImg8bit_sequence', async () => {
    const root = await tinyCityscapes();
    const city = join(root, 'leftImg8bit', 'val', 'ulm');
    const sequence = join(root, 'leftImg8bit_sequence', 'val', 'ulm');
    const toJpeg = async (folder: string, base: string) => {
      await sharp(join(folder, `${base}.png`)).jpeg({ quality: 95 }).toFile(join(folder, `${base}.jpg`));
      rmSync(join(folder, `${base}.png`));
    };
    await toJpeg(city, 'ulm_000000_000019_leftImg8bit');
    await toJpeg(sequence, 'ulm_000000_000021_leftImg8bit');
    const data = new CityscapesDataset({ root, split: 'val' });
    expect(data.sourceOf(0)).toBe(join(city, 'ulm_000000_000019_leftImg8bit.jpg'));
    const frame = await data.frame(0);
    expect(frame.image).toMatchObject({ width: 8, height: 4, channels: 3 });
    expect([...frame.label!.data.subarray(0, 4)]).toEqual([0, 13, 255, 10]);
    expect((await data.neighbour(0, 2))?.image).toMatchObject({ width: 8, height: 4 });
  });

  it('names the missing folder and the missing image', async () => {
    const root = await tinyCityscapes();
    expect(() => new CityscapesDataset({ root, split: 'train' })).toThrow(`Cityscapes folder ${join(root, 'gtFine', 'train')} not found`);
    rmSync(join(root, 'leftImg8bit', 'val', 'ulm', 'ulm_000001_000019_leftImg8bit.png'));
    expect(() => new CityscapesDataset({ root, split: 'val' })).toThrow(`file not found: ${join(root, 'leftImg8bit', 'val', 'ulm', 'ulm_000001_000019_leftImg8bit.png')}`);
    expect(new CityscapesDataset({ root, split: 'val', onBadInput: 'skip' }).skipped).toHaveLength(1);
  });
});
