import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CAMVID_PALETTE, createRunContainer, DataError, overlayLabels, UsageError, type ClipDataset, type ImageFrame, type ProgressReporter } from '@vidseg/core';
import { createSegmenter, type RuntimeChoice } from '@vidseg/backend-ort';
import { writeAnimatedPreview, writePng, type FileClipDataset } from '@vidseg/data';
import { openFrameSource } from '../pipeline/frame-source.js';
import { createPluginContainer } from '../plugins/load-plugins.js';
import type { Command } from './command.js';
import { parseCommandArgs } from './parse-command-args.js';

/** Frames kept for the animated preview (it is a preview, not the whole video). */
const PREVIEW_FRAMES = 150;

/** `vidseg infer`: per-frame segmentation of a folder of frames or a video with an ONNX model. */
export const inferCommand: Command = {
  name: 'infer',
  summary: 'segment a folder of frames or a video with an exported model: label PNGs, overlays, animated preview',
  usage: `vidseg infer --model <model.onnx> --input <folder|video> --out <folder> [options]

      --model <file>      exported vidseg model (uint8 image in; see vidseg export)
      --input <path>      a folder of frames (PNG/JPEG/WebP, file-name order) or a video file (needs ffmpeg)
      --out <folder>      writes labels/<frame>.png, overlays/<frame>.png and preview.webp
      --runtime <name>    auto (default: onnxruntime-node when installed), ort-node or ort-web
      --alpha <0..1>      overlay opacity (default 0.5)
      --fps <n>           frame rate of the preview (and video resampling, when given)
      --max-frames <n>    segment at most this many frames
      --no-overlays       write only the label maps
  -h, --help              show this help`,
  async run({ args, out, progress }) {
    const { values } = parseCommandArgs('infer', args, {
      model: { type: 'string' },
      input: { type: 'string' },
      out: { type: 'string' },
      runtime: { type: 'string' },
      alpha: { type: 'string' },
      fps: { type: 'string' },
      'max-frames': { type: 'string' },
      'no-overlays': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    for (const flag of ['model', 'input', 'out'] as const) {
      if (!values[flag]) throw new UsageError(`vidseg infer: missing --${flag}`, { hint: 'see vidseg infer --help' });
    }
    const number = (flag: 'alpha' | 'fps' | 'max-frames', fallback?: number): number | undefined => {
      const text = values[flag];
      if (text === undefined) return fallback;
      const value = Number(text);
      if (!Number.isFinite(value) || value < 0) throw new UsageError(`vidseg infer: --${flag} must be a non-negative number, got "${text}"`);
      return value;
    };
    const alpha = number('alpha', 0.5)!;
    const fps = number('fps');
    const maxFrames = number('max-frames');
    const outDir = resolve(values.out!);
    const overlays = !values['no-overlays'];

    // Input and model are checked before anything is written: a failed start creates no folder.
    const container = createRunContainer(await createPluginContainer([], process.cwd()), { seed: 0, baseDir: process.cwd() }, progress);
    const source = openFrameSource(container, values.input!, { ...(fps ? { fps } : {}), ...(maxFrames ? { maxFrames } : {}) });
    const segmenter = await createSegmenter({ model: resolve(values.model!), ...(values.runtime ? { runtime: values.runtime as RuntimeChoice } : {}) });
    await mkdir(join(outDir, 'labels'), { recursive: true });
    if (overlays) await mkdir(join(outDir, 'overlays'), { recursive: true });
    const palette = segmenter.palette ?? CAMVID_PALETTE;
    progress.log(`model ${segmenter.source} on ${segmenter.runtime}; ${source.size} frames from ${values.input}`);
    const count = Math.min(source.size, maxFrames ?? Number.POSITIVE_INFINITY);
    const task = progress.start('infer', count, 'frames');
    const preview: ImageFrame[] = [];
    let modelMs = 0;
    let first: { id: string; width: number; height: number } | undefined;
    try {
      for (let i = 0; i < count; i++) {
        const frame = await source.frame(i);
        first ??= { id: frame.id, width: frame.image.width, height: frame.image.height };
        assertSameFrameSize(first, frame);
        const started = performance.now();
        const { labels } = await segmenter.segment(frame.image, i * (1000 / (fps ?? 15)));
        modelMs += performance.now() - started;
        await writePng(join(outDir, 'labels', `${frame.id}.png`), labels);
        if (overlays) {
          const overlay = overlayLabels(frame.image, labels, palette, alpha);
          await writePng(join(outDir, 'overlays', `${frame.id}.png`), overlay);
          if (preview.length < PREVIEW_FRAMES) preview.push(overlay);
        }
        task.advance(1);
      }
    } finally {
      await segmenter.close();
    }
    task.done();
    noteConvertedFrames(source, progress);
    if (preview.length > 0) await writeAnimatedPreview(join(outDir, 'preview.webp'), preview, { fps: fps ?? 10 });
    out.write(`segmented ${count} frames (${(modelMs / Math.max(count, 1)).toFixed(1)} ms per frame on ${segmenter.runtime}) into ${outDir}\n`);
    return 0;
  },
};

/** Frames of one run share a size (the segmenter reuses its buffers, the preview is one animation): a different one is named. */
function assertSameFrameSize(first: { id: string; width: number; height: number }, frame: { id: string; image: ImageFrame }): void {
  if (frame.image.width === first.width && frame.image.height === first.height) return;
  throw new DataError(`frame "${frame.id}" is ${frame.image.width}x${frame.image.height}, but the first frame "${first.id}" is ${first.width}x${first.height}: infer takes frames of one size`, {
    hint: 'resize the frames to one size, or segment each size from its own folder',
  });
}

/** A note when frames were not plain RGB (grey, with alpha) and were converted, naming the first. */
function noteConvertedFrames(source: ClipDataset, progress: ProgressReporter): void {
  const converted = (source as Partial<Pick<FileClipDataset, 'converted'>>).converted;
  if (!converted?.first) return;
  progress.log(`note: ${converted.count} frame(s) were not RGB and were converted to RGB (the first: ${converted.first.file}, ${converted.first.from})`);
}

