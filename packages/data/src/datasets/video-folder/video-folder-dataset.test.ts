import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom } from '@vidseg/core';
import { skipReason } from '@vidseg/test-support';
import { describe, expect, it } from 'vitest';
import { texturedImage } from '../../../test/fake-dataset.js';
import { writePng } from '../../io/write-png.js';
import { VideoFolderDataset } from './video-folder-dataset.js';

/** A folder with sequences `b-street` (3 frames) and `a-road` (2 frames), and a stray text file. */
async function videoFolder(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'vidseg-video-folder-'));
  for (const [sequence, count] of [['b-street', 3], ['a-road', 2]] as const) {
    mkdirSync(join(root, sequence));
    for (let k = 0; k < count; k++) await writePng(join(root, sequence, `${String(k).padStart(5, '0')}.png`), texturedImage(8, 6, k));
  }
  writeFileSync(join(root, 'README.txt'), 'not a sequence');
  return root;
}

const ffmpegMissing = skipReason(
  (() => {
    try {
      execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })(),
  'ffmpeg',
  'install it (Debian: apt-get install ffmpeg)',
);

describe('VideoFolderDataset', () => {
  it('joins its sequences in name order; neighbours and sequences stay within one sequence', async () => {
    const data = new VideoFolderDataset({ root: await videoFolder() });
    expect(data.size).toBe(5);
    expect(data.classes).toEqual(['Sky', 'Building', 'Pole', 'Road', 'Pavement', 'Tree', 'SignSymbol', 'Fence', 'Car', 'Pedestrian', 'Bicyclist']);
    expect(await Promise.all([0, 1, 2, 3, 4].map(async (p) => `${(await data.frame(p)).sequence}/${(await data.frame(p)).id}`))).toEqual([
      'a-road/00000',
      'a-road/00001',
      'b-street/00000',
      'b-street/00001',
      'b-street/00002',
    ]);
    expect((await data.frame(2)).label).toBeUndefined();
    expect((await data.neighbour(1, 1))).toBeUndefined();
    expect((await data.neighbour(2, 2))?.id).toBe('00002');
    expect(data.sequences()).toEqual([
      { name: 'a-road', positions: [0, 1], frameStep: 1 },
      { name: 'b-street', positions: [2, 3, 4], frameStep: 1 },
    ]);
    // Past the end of a sequence: pseudo-motion (mode auto), never the next sequence's frame.
    expect((await data.exactNeighbour(1, 1, new SeededRandom(0)))?.frame.id).toBe('00001~pseudo+1');
  });

  it('holds sequences out by name and refuses names it does not have', async () => {
    const root = await videoFolder();
    expect(new VideoFolderDataset({ root, exclude: ['a-road'] }).size).toBe(3);
    expect(new VideoFolderDataset({ root, include: ['a-road'] }).size).toBe(2);
    expect(() => new VideoFolderDataset({ root, exclude: ['c-lane'] })).toThrow(`video folder ${root} has no sequence "c-lane"; it has a-road, b-street`);
    expect(() => new VideoFolderDataset({ root, include: ['a-road'], exclude: ['a-road'] })).toThrow(/no sequence left after include\/exclude/);
    expect(() => new VideoFolderDataset({ root: join(root, 'missing') })).toThrow(/video folder .*missing not found/);
  });

  it.skipIf(ffmpegMissing !== '')(`takes a video file as one more sequence ${ffmpegMissing}`, async () => {
    const root = await videoFolder();
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=16x8:rate=5', '-frames:v', '4', '-pix_fmt', 'yuv420p', join(root, 'c-highway.mp4')]);
    const data = new VideoFolderDataset({ root, exclude: ['b-street'] });
    expect(data.sequences().map((s) => [s.name, s.positions])).toEqual([
      ['a-road', [0, 1]],
      ['c-highway', [2, 3, 4, 5]],
    ]);
    expect((await data.frame(3)).image).toMatchObject({ width: 16, height: 8 });
    expect((await data.neighbour(2, 3))?.id).toBe('c-highway_000003');
  }, 120_000);
});
