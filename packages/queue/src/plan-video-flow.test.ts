import { describe, expect, it } from 'vitest';
import type { VideoJobSpec } from './archive-job.js';
import { chunkJobId, chunkRanges, planVideoFlow, videoJobKey } from './plan-video-flow.js';

const fields = {
  input: '/data/a.mp4',
  inputStamp: '100:5',
  kind: 'video' as const,
  name: 'a',
  outDir: '/out/a',
  model: '/m.onnx',
  modelHash: 'abc',
  chunkFrames: 4,
  options: { alpha: 0.5, overlays: true },
};

describe('planVideoFlow', () => {
  it('splits an input into chunks of at most chunkFrames, in order, and one open chunk when the length is unknown', () => {
    expect(chunkRanges(10, 4)).toEqual([{ start: 0, end: 4 }, { start: 4, end: 8 }, { start: 8, end: 10 }]);
    expect(chunkRanges(8, 4)).toEqual([{ start: 0, end: 4 }, { start: 4, end: 8 }]);
    expect(chunkRanges(3, 4)).toEqual([{ start: 0, end: 3 }]);
    expect(chunkRanges(null, 4)).toEqual([{ start: 0, end: null }]);
  });

  it('keys work by model content, input, output and options, whatever the order of the options', () => {
    const key = videoJobKey(fields);
    expect(videoJobKey({ ...fields, options: { overlays: true, alpha: 0.5 } })).toBe(key);
    expect(videoJobKey({ ...fields, modelHash: 'abd' })).not.toBe(key);
    expect(videoJobKey({ ...fields, inputStamp: '101:5' })).not.toBe(key);
    expect(videoJobKey({ ...fields, options: { alpha: 0.4, overlays: true } })).not.toBe(key);
    expect(videoJobKey({ ...fields, chunkFrames: 5 })).not.toBe(key);
    expect(key).toMatch(/^[0-9a-f]{24}$/);
  });

  it('makes a video job over its chunk jobs with deterministic ids and the retry policy', () => {
    const video: VideoJobSpec = { ...fields, key: 'k1', frames: 10 };
    const flow = planVideoFlow(video, 'q', { attempts: 3, backoffMs: 100 });
    expect(flow.name).toBe('video');
    expect(flow.opts?.jobId).toBe('k1-video');
    expect(flow.data).toEqual({ video, chunks: 3 });
    expect(flow.children?.map((c) => [c.opts?.jobId, c.data.start, c.data.end])).toEqual([
      [chunkJobId('k1', 0), 0, 4],
      ['k1-chunk1', 4, 8],
      ['k1-chunk2', 8, 10],
    ]);
    expect(flow.children?.every((c) => c.opts?.attempts === 3 && !String(c.opts?.jobId).includes(':'))).toBe(true);
  });
});
