import { resolve } from 'node:path';
import { CAMVID_PALETTE, UsageError } from '@vidseg/core';
import { createSegmenter, type RuntimeChoice } from '@vidseg/backend-ort';
import { openInferInput } from '../pipeline/infer-input.js';
import { PREVIEW_FRAMES, prepareFrameOutputs, segmentFrames, writeFramesPreview } from '../pipeline/segment-frames.js';
import type { Command } from './command.js';
import { parseCommandArgs } from './parse-command-args.js';

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

    const { source, count } = await openInferInput(values.input!, { ...(fps ? { fps } : {}), ...(maxFrames ? { maxFrames } : {}) }, progress);
    const segmenter = await createSegmenter({ model: resolve(values.model!), ...(values.runtime ? { runtime: values.runtime as RuntimeChoice } : {}) });
    const outputs = { outDir, overlays, alpha, palette: segmenter.palette ?? CAMVID_PALETTE };
    await prepareFrameOutputs(outputs);
    progress.log(`model ${segmenter.source} on ${segmenter.runtime}; ${source.size} frames from ${values.input}`);
    const task = progress.start('infer', count, 'frames');
    let segmented;
    try {
      segmented = await segmentFrames(source, segmenter, { start: 0, end: count }, outputs, {
        timestampMs: (i) => i * (1000 / (fps ?? 15)),
        previewUntil: PREVIEW_FRAMES,
        onFrame: () => task.advance(1),
      });
    } finally {
      await segmenter.close();
    }
    task.done();
    await writeFramesPreview(outDir, segmented.preview, fps);
    out.write(`segmented ${count} frames (${(segmented.modelMs / Math.max(count, 1)).toFixed(1)} ms per frame on ${segmenter.runtime}) into ${outDir}\n`);
    return 0;
  },
};
