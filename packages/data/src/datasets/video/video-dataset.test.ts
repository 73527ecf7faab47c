import { DataError, UsageError } from '@vidseg/core';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { skipReason } from '@vidseg/test-support';
import { fakeFfmpeg } from '../../../test/fake-ffmpeg.js';
import { decodeArguments } from './ffmpeg.js';
import { VideoDataset } from './video-dataset.js';

const hasFfmpeg = (() => {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('VideoDataset', () => {
  it('names the missing program when ffmpeg is not installed', () => {
    const { video } = fakeFfmpeg();
    const attempt = () => new VideoDataset({ path: video, ffprobe: '/nonexistent/ffprobe' });
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow('the video dataset needs the program "/nonexistent/ffprobe", which was not found');
    expect(() => new VideoDataset({ path: '/nonexistent/drive.mp4' })).toThrow('video file not found: /nonexistent/drive.mp4');
  });

  it('decodes frames in chunks through ffmpeg and walks them as one sequence (stand-in ffmpeg)', async () => {
    const { ffmpeg, ffprobe, video } = fakeFfmpeg();
    const data = new VideoDataset({ path: video, ffmpeg, ffprobe, chunkFrames: 16 });
    expect([data.size, data.probe.fps]).toEqual([40, 25]);
    const frame = await data.frame(17);
    expect(frame).toMatchObject({ id: 'drive_000017', sequence: 'drive', index: 17 });
    expect(frame.image).toMatchObject({ width: 8, height: 6, channels: 3 });
    expect(frame.image.data[0]).toBe(51);
    expect((await data.neighbour(17, -2))?.image.data[0]).toBe(45);
    expect((await data.neighbour(39, 0))?.image.data[5]).toBe((117 + 5) % 256);
    expect(await data.neighbour(39, 1)).toBeUndefined();
    expect(data.sequences()).toEqual([{ name: 'drive', positions: Array.from({ length: 40 }, (_, i) => i), frameStep: 1 }]);
    // Output names (drive_000017) map back to the time and frame number in the file.
    expect(data.frameRate).toBe(25);
    expect(data.sourceOf(17)).toBe(`${video} at 0.680 s (frame 17 of the file)`);
    const resampled = new VideoDataset({ path: video, ffmpeg, ffprobe, fps: 10 });
    expect([resampled.frameRate, resampled.sourceOf(7)]).toEqual([10, `${video} at 0.700 s (frame 18 of the file)`]);
    const small = new VideoDataset({ path: video, ffmpeg, ffprobe, size: [3, 4], maxFrames: 10 });
    expect(small.size).toBe(10);
    expect((await small.frame(9)).image).toMatchObject({ width: 4, height: 3 });
  });

  it('names the file ffprobe cannot read and what ffmpeg said', async () => {
    const { dir, ffmpeg, ffprobe } = fakeFfmpeg();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'broken.mp4'), '');
    expect(() => new VideoDataset({ path: join(dir, 'broken.mp4'), ffmpeg, ffprobe })).toThrow(`cannot read video ${join(dir, 'broken.mp4')}: ${ffprobe} says: ${join(dir, 'broken.mp4')}: Invalid data found when processing input`);
    const data = new VideoDataset({ path: join(dir, 'drive.mp4'), ffmpeg: ffprobe, ffprobe });
    await expect(data.frame(0)).rejects.toThrow(DataError);
  });

  it('asks ffmpeg for raw RGB frames from the right time, resampled and scaled when configured', () => {
    const args = decodeArguments({ file: 'a.mp4', start: 30, count: 8, fps: 15, resample: true, width: 480, height: 360 }, true);
    expect(args.join(' ')).toBe('-v error -ss 2.000000 -i a.mp4 -frames:v 8 -vf fps=15,scale=480:360 -f rawvideo -pix_fmt rgb24 pipe:1');
  });

  it.skipIf(!hasFfmpeg)(`decodes a real video with the system ffmpeg${skipReason(hasFfmpeg, 'ffmpeg', '.ci/run installs it')}`, async () => {
    const { dir } = fakeFfmpeg();
    const file = join(dir, 'testsrc.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=10', '-frames:v', '12', '-pix_fmt', 'yuv420p', file]);
    const data = new VideoDataset({ path: file, chunkFrames: 5 });
    expect(data.size).toBe(12);
    const [a, b] = [await data.frame(6), await data.frame(7)];
    expect(a.image).toMatchObject({ width: 64, height: 48, channels: 3 });
    expect(a.image.data).not.toEqual(b.image.data);
    expect((await data.frame(11)).image.data.length).toBe(64 * 48 * 3);
  });
});
