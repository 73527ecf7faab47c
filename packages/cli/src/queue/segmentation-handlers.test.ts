import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentProgress } from '@vidseg/core';
import type { VideoJobSpec } from '@vidseg/queue';
import { hashModelFile } from './model-hash.js';
import { segmentationHandlers } from './segmentation-handlers.js';
import { SegmenterPool } from './segmenter-pool.js';

describe('segmentationHandlers', () => {
  it('fails a chunk whose model file changed since the job was added, before touching its input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vidseg-handlers-'));
    const model = join(dir, 'model.onnx');
    writeFileSync(model, 'first version');
    const modelHash = await hashModelFile(model);
    writeFileSync(model, 'second version');
    const video: VideoJobSpec = { key: 'k', input: join(dir, 'missing.mp4'), kind: 'video', name: 'missing', outDir: join(dir, 'out'), model, modelHash, frames: 4, chunkFrames: 4, options: { alpha: 0.5, overlays: true } };
    const handlers = segmentationHandlers(new SegmenterPool(), silentProgress);
    await expect(handlers.chunk({ video, chunk: 0, start: 0, end: 4 }, () => undefined, 'test:1')).rejects.toThrow(`model ${model} changed since ${video.input} was added`);
  });
});
