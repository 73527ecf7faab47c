import { CAMVID_PALETTE, colorizeLabels, DataError, type LabelMap } from '@vidseg/core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { texturedImage } from '../../test/fake-dataset.js';
import { readLabelMap } from './read-label-map.js';
import { readRgbImage } from './read-rgb-image.js';
import { writeAnimatedPreview } from './write-animated-preview.js';
import { writePng } from './write-png.js';

const dir = mkdtempSync(join(tmpdir(), 'vidseg-io-'));
const labels = (width: number, height: number, f: (p: number) => number): LabelMap => ({ width, height, data: Uint8Array.from({ length: width * height }, (_, p) => f(p)) });
const camvid = { classCount: 11, ignoreLabel: 11 };

async function failure(action: Promise<unknown>): Promise<DataError> {
  const error = await action.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DataError);
  return error as DataError;
}

describe('image IO', () => {
  it('writes and reads RGB images and label maps losslessly', async () => {
    const image = texturedImage(9, 7, 3);
    await writePng(join(dir, 'a.png'), image);
    expect(await readRgbImage(join(dir, 'a.png'))).toEqual(image);
    const map = labels(9, 7, (p) => p % 12);
    await writePng(join(dir, 'a-label.png'), map);
    expect(await readLabelMap(join(dir, 'a-label.png'), { ...camvid, width: 9, height: 7 })).toEqual(map);
  });

  it('reads grey and RGBA images as RGB', async () => {
    const grey = Buffer.from([0, 50, 100, 150, 200, 250]);
    await sharp(grey, { raw: { width: 3, height: 2, channels: 1 } }).png().toFile(join(dir, 'grey.png'));
    const rgb = await readRgbImage(join(dir, 'grey.png'));
    expect(rgb.channels).toBe(3);
    expect([...rgb.data.subarray(3, 6)]).toEqual([50, 50, 50]);
    const rgba = Buffer.from([10, 20, 30, 255, 40, 50, 60, 0]);
    await sharp(rgba, { raw: { width: 2, height: 1, channels: 4 } }).png().toFile(join(dir, 'rgba.png'));
    expect([...(await readRgbImage(join(dir, 'rgba.png'))).data]).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('names the file of a missing, truncated or non-image input', async () => {
    expect((await failure(readRgbImage(join(dir, 'none.png')))).message).toBe(`file not found: ${join(dir, 'none.png')} (expected an image (PNG, JPEG or WebP))`);
    await writePng(join(dir, 'big.png'), texturedImage(64, 64, 1));
    const bytes = readFileSync(join(dir, 'big.png'));
    writeFileSync(join(dir, 'cut.png'), bytes.subarray(0, bytes.length - 40));
    expect((await failure(readRgbImage(join(dir, 'cut.png')))).message).toMatch(new RegExp(`^cannot decode ${join(dir, 'cut.png')}: .*; expected an image`));
    writeFileSync(join(dir, 'text.png'), 'not a png');
    expect((await failure(readLabelMap(join(dir, 'text.png'), camvid))).message).toMatch(/cannot decode .*text\.png: .*unsupported image format; expected an 8-bit PNG of class ids/);
  });

  it('rejects label maps of another size, with values outside the class set, or in colour', async () => {
    await writePng(join(dir, 'small.png'), labels(4, 3, () => 1));
    expect((await failure(readLabelMap(join(dir, 'small.png'), { ...camvid, width: 5, height: 3 }))).message).toBe(
      `label map ${join(dir, 'small.png')} is 4x3; expected 5x3 (the size of its image)`,
    );
    await writePng(join(dir, 'values.png'), labels(4, 3, (p) => (p === 5 ? 40 : p === 9 ? 12 : 2)));
    expect((await failure(readLabelMap(join(dir, 'values.png'), camvid))).message).toBe(
      `label map ${join(dir, 'values.png')}: 2 pixels have values outside the class set (first: 40 at x=1, y=1); expected 0..10 or 11 (ignore)`,
    );
    await sharp(Buffer.from(new Uint16Array([0, 5, 300, 2]).buffer), { raw: { width: 2, height: 2, channels: 1 } }).toColourspace('grey16').png().toFile(join(dir, 'deep.png'));
    expect((await failure(readLabelMap(join(dir, 'deep.png'), camvid))).message).toBe(`label map ${join(dir, 'deep.png')} has ushort samples; expected an 8-bit PNG of class ids`);
    await writePng(join(dir, 'colour.png'), colorizeLabels(labels(4, 3, (p) => p % 3), CAMVID_PALETTE));
    expect((await failure(readLabelMap(join(dir, 'colour.png'), camvid))).message).toMatch(/is a colour image \(pixel x=1, y=0 is 128,0,0\); expected 8-bit grey class ids/);
  });

  it('decodes colour-coded labels with a palette and maps raw values through a lookup', async () => {
    const map = labels(4, 3, (p) => (p === 0 ? 11 : p % 11));
    await writePng(join(dir, 'palette.png'), colorizeLabels(map, CAMVID_PALETTE));
    expect((await readLabelMap(join(dir, 'palette.png'), { ...camvid, palette: CAMVID_PALETTE })).data).toEqual(map.data);
    const lookup = new Int16Array(256).fill(-1);
    lookup[0] = 255;
    lookup[7] = 0;
    lookup[26] = 13;
    await writePng(join(dir, 'ids.png'), labels(3, 1, (p) => [7, 26, 0][p]!));
    expect([...(await readLabelMap(join(dir, 'ids.png'), { classCount: 19, ignoreLabel: 255, lookup })).data]).toEqual([0, 13, 255]);
    await writePng(join(dir, 'unknown.png'), labels(3, 1, (p) => [7, 40, 41][p]!));
    await expect(readLabelMap(join(dir, 'unknown.png'), { classCount: 19, ignoreLabel: 255, lookup, rawValues: 'labelIds 0..33' })).rejects.toThrow(
      `label map ${join(dir, 'unknown.png')}: 2 pixels have unknown values (first: 40 at x=1, y=0); expected labelIds 0..33`,
    );
  });

  it('writes animated WebP and GIF previews with one page per frame', async () => {
    const frames = [0, 1, 2].map((k) => texturedImage(16, 12, k * 40));
    for (const name of ['p.webp', 'p.gif']) {
      await writeAnimatedPreview(join(dir, name), frames, { fps: 5 });
      const meta = await sharp(join(dir, name), { pages: -1 }).metadata();
      expect([meta.format, meta.pages, meta.pageHeight, meta.width]).toEqual([name.endsWith('gif') ? 'gif' : 'webp', 3, 12, 16]);
      expect(meta.delay).toEqual([200, 200, 200]);
    }
    await expect(writeAnimatedPreview(join(dir, 'p.mp4'), frames)).rejects.toThrow(/expected a file name ending in \.webp or \.gif/);
    await expect(writeAnimatedPreview(join(dir, 'q.gif'), [frames[0]!, texturedImage(8, 8)])).rejects.toThrow(/frame 1 is 8x8x3; expected 16x12x3/);
  });
});
