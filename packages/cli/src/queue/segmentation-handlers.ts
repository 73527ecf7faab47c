import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CAMVID_PALETTE, countUnchanged, DataError, type ProgressReporter } from '@vidseg/core';
import { writeFileAtomic } from '@vidseg/core/node';
import { readLabelMap, readRgbImage } from '@vidseg/data';
import type { ArchiveHandlers, ChunkResult, VideoJobSpec, VideoRecord } from '@vidseg/queue';
import { openInferInput } from '../pipeline/infer-input.js';
import { FOLDER_FPS, PREVIEW_FRAMES, prepareFrameOutputs, segmentFrames, writeFramesIndex, writeFramesPreview } from '../pipeline/segment-frames.js';
import { hashModelFile } from './model-hash.js';
import type { SegmenterPool } from './segmenter-pool.js';

/** Any 8-bit class id is accepted when a merge reads back the label maps it wrote. */
const ANY_LABELS = { classCount: 255, ignoreLabel: 255 };

/** Temporary files of `writeFileAtomic` (`.<name>.<pid>.<hex>.tmp`), left behind by a worker killed mid-write. */
const TEMPORARY_FILE = /^\..+\.\d+\.[0-9a-f]+\.tmp$/;

async function checkModel(video: VideoJobSpec): Promise<void> {
  const hash = await hashModelFile(video.model);
  if (hash !== video.modelHash) {
    throw new DataError(`model ${video.model} changed since ${video.input} was added (content hash ${hash.slice(0, 12)}, the job's ${video.modelHash.slice(0, 12)})`, {
      hint: 'restore the model file, or add the inputs again (the new model makes new jobs)',
    });
  }
}

async function removeTemporaryFiles(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => TEMPORARY_FILE.test(name)).map((name) => rm(join(folder, name), { force: true })));
}

/**
 * The work of a vidseg queue worker: a chunk job runs `vidseg infer`'s per-frame pipeline on its
 * frames (same frame source, same segmenter, same writers, so the bytes are the same); a video job
 * adds the consistency of the pairs across chunk boundaries, writes the animated preview from the
 * overlays of the first frames, removes temporary files left by killed workers, and writes
 * `segmentation.json` (atomically).
 */
export function segmentationHandlers(pool: SegmenterPool, progress: ProgressReporter): ArchiveHandlers {
  return {
    async chunk(data, report, worker): Promise<ChunkResult> {
      const { video } = data;
      const startedAt = new Date();
      await checkModel(video);
      const { source, count } = await openInferInput(video.input, video.options, progress);
      const end = Math.min(data.end ?? count, count);
      report(0, end - data.start);
      const segmented = await pool.with(video.model, video.modelHash, video.options.runtime, async (segmenter, clock) => {
        const outputs = { outDir: video.outDir, overlays: video.options.overlays, alpha: video.options.alpha, palette: segmenter.palette ?? CAMVID_PALETTE, sizing: video.options.nativeSize ? ('frame' as const) : ('model' as const) };
        await prepareFrameOutputs(outputs);
        return segmentFrames(source, segmenter, { start: data.start, end }, outputs, {
          timestampMs: clock,
          previewUntil: video.options.overlays ? PREVIEW_FRAMES : 0,
          previewIdsOnly: true,
          onFrame: (done) => report(done, end - data.start),
        });
      });
      const finishedAt = new Date();
      const { preview: _frames, ...result } = segmented;
      return { ...result, ...(source.frameRate ? { frameRate: source.frameRate } : {}), chunk: data.chunk, start: data.start, wallMs: finishedAt.getTime() - startedAt.getTime(), worker, startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString() };
    },

    async video(data, chunks): Promise<VideoRecord> {
      const { video } = data;
      const mergeStarted = performance.now();
      const done = chunks.filter((c) => c.frames > 0);
      let unchanged = done.reduce((sum, c) => sum + c.unchangedPixels, 0);
      let compared = done.reduce((sum, c) => sum + c.comparedPixels, 0);
      let pairs = done.reduce((sum, c) => sum + c.pairs, 0);
      for (let k = 1; k < done.length; k++) {
        const before = await readLabelMap(join(video.outDir, 'labels', `${done[k - 1]!.lastFrameId}.png`), ANY_LABELS);
        const after = await readLabelMap(join(video.outDir, 'labels', `${done[k]!.firstFrameId}.png`), ANY_LABELS);
        const pair = countUnchanged(before.data, after.data);
        unchanged += pair.unchanged;
        compared += pair.compared;
        pairs++;
      }
      const previewIds = done.flatMap((c) => c.previewIds);
      const preview = [];
      for (const id of previewIds) preview.push(await readRgbImage(join(video.outDir, 'overlays', `${id}.png`)));
      await writeFramesIndex(video.outDir, done.flatMap((c) => c.frameRows));
      await writeFramesPreview(video.outDir, preview, video.options.fps ?? done[0]?.frameRate ?? FOLDER_FPS);
      await removeTemporaryFiles(join(video.outDir, 'labels'));
      await removeTemporaryFiles(join(video.outDir, 'overlays'));
      const frames = done.reduce((sum, c) => sum + c.frames, 0);
      const record: VideoRecord = {
        input: video.input,
        name: video.name,
        outDir: video.outDir,
        model: video.model,
        modelHash: video.modelHash,
        options: video.options,
        frames,
        chunks: chunks.length,
        msPerFrame: frames > 0 ? done.reduce((sum, c) => sum + c.modelMs, 0) / frames : 0,
        wallMsPerFrame: frames > 0 ? done.reduce((sum, c) => sum + c.wallMs, 0) / frames : 0,
        mergeMs: performance.now() - mergeStarted,
        labelFree: { unchangedPixelShare: compared > 0 ? unchanged / compared : null, pairs },
        workers: chunks.map((c) => c.worker),
        startedAt: chunks.map((c) => c.startedAt).sort()[0] ?? new Date().toISOString(),
        finishedAt: new Date().toISOString(),
      };
      await writeFileAtomic(join(video.outDir, 'segmentation.json'), new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`));
      return record;
    },
  };
}
