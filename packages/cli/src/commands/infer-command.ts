import { join, resolve } from 'node:path';
import { CAMVID_PALETTE, createRunContainer, pluginRegistry, UsageError, type ClipDataset, type ProgressReporter } from '@vidseg/core';
import { writeFileAtomic } from '@vidseg/core/node';
import type { FileClipDataset } from '@vidseg/data';
import { createSegmenter, segmentationSize, type FrameSizing, type RuntimeChoice, type Segmenter } from '@vidseg/backend-ort';
import { openInferInput } from '../pipeline/infer-input.js';
import { labelFreeSpace } from '../pipeline/label-free-evaluation.js';
import { LabelFreeMeter } from '../pipeline/label-free-meter.js';
import { createPluginContainer } from '../plugins/load-plugins.js';
import { FOLDER_FPS, PREVIEW_FRAMES, prepareFrameOutputs, segmentFrames, writeFramesIndex, writeFramesPreview } from '../pipeline/segment-frames.js';
import type { Command } from './command.js';
import { parseCommandArgs } from './parse-command-args.js';
import { SEGMENT_OPTION_FLAGS, segmentOptionsFrom } from './segment-option-flags.js';

/** `vidseg infer`: per-frame segmentation of a folder of frames or a video with an ONNX model. */
export const inferCommand: Command = {
  name: 'infer',
  summary: 'segment a folder of frames or a video with an exported model: label PNGs, overlays, animated preview',
  usage: `vidseg infer --model <model.onnx> --input <folder|video> --out <folder> [options]

      --model <file>      exported vidseg model (uint8 image in; see vidseg export)
      --input <path>      a folder of frames (PNG/JPEG/WebP, file-name order) or a video file (needs ffmpeg)
      --out <folder>      writes labels/<frame>.png, overlays/<frame>.png, preview.webp and
                          frames.csv (each output name with the input file, or video time, it came from)
      --runtime <name>    auto (default: onnxruntime-node when installed), ort-node or ort-web
      --native-size       segment frames at their own size (default: resize each frame to the model's
                          input, or to its training size when its input size is free; area filter
                          down, label maps back to the frame size by nearest neighbour)
      --alpha <0..1>      overlay opacity (default 0.5)
      --fps <n>           resample a video to this rate; the preview's rate (default: the video's own
                          rate, ${FOLDER_FPS} for a folder of frames)
      --max-frames <n>    segment at most this many frames
      --no-overlays       write only the label maps
      --metrics           also measure label-free consistency (no labels needed): labelFreeTc, TC of
                          consecutive predictions along Farneback flow, and unchangedShare, pixels
                          whose class stays the same; printed and written to <out>/label-free.json
  -h, --help              show this help`,
  async run({ args, out, progress }) {
    const { values } = parseCommandArgs('infer', args, {
      model: { type: 'string' },
      input: { type: 'string' },
      out: { type: 'string' },
      ...SEGMENT_OPTION_FLAGS,
      metrics: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    for (const flag of ['model', 'input', 'out'] as const) {
      if (!values[flag]) throw new UsageError(`vidseg infer: missing --${flag}`, { hint: 'see vidseg infer --help' });
    }
    const { alpha, overlays, fps, maxFrames, runtime, nativeSize } = segmentOptionsFrom('infer', values);
    const outDir = resolve(values.out!);

    const { source, count } = await openInferInput(values.input!, { ...(fps ? { fps } : {}), ...(maxFrames ? { maxFrames } : {}) }, progress);
    const segmenter = await createSegmenter({ model: resolve(values.model!), ...(runtime ? { runtime: runtime as RuntimeChoice } : {}) });
    const sizing: FrameSizing = nativeSize ? 'frame' : 'model';
    const rate = fps ?? source.frameRate ?? FOLDER_FPS;
    const outputs = { outDir, overlays, alpha, palette: segmenter.palette ?? CAMVID_PALETTE, sizing };
    const first = count > 0 ? (await source.frame(0)).image : undefined;
    const modelSize = first ? segmentationSize(segmenter, first, sizing) : undefined;
    const resized = first && modelSize && sizing === 'model' && (modelSize[0] !== first.height || modelSize[1] !== first.width);
    const sizeNote = first && modelSize ? `; frames ${first.width}x${first.height}, model run at ${modelSize[1]}x${modelSize[0]}${resized ? ' (labels resized back; --native-size keeps the frame size)' : ''}` : '';
    await prepareFrameOutputs(outputs);
    progress.log(`model ${segmenter.source} on ${segmenter.runtime}; ${source.size} frames from ${values.input}${sizeNote}`);
    const meter = values.metrics ? await labelFreeMeter(segmenter, progress) : undefined;
    const task = progress.start('infer', count, 'frames');
    let segmented;
    try {
      segmented = await segmentFrames(source, segmenter, { start: 0, end: count }, outputs, {
        timestampMs: (i) => i * (1000 / rate),
        previewUntil: PREVIEW_FRAMES,
        onFrame: () => task.advance(1),
        ...(meter ? { onLabels: (frame, labels) => meter.add(frame, labels) } : {}),
      });
    } finally {
      await segmenter.close();
      meter?.dispose();
    }
    task.done();
    noteConvertedFrames(source, progress);
    await writeFramesIndex(outDir, segmented.frameRows);
    await writeFramesPreview(outDir, segmented.preview, rate);
    out.write(`segmented ${count} frames (${(segmented.modelMs / Math.max(count, 1)).toFixed(1)} ms per frame on ${segmenter.runtime}, resizing included) into ${outDir}\n`);
    if (meter) {
      const figures = meter.result();
      const percent = (v: number) => (Number.isNaN(v) ? '-' : `${(v * 100).toFixed(2)} %`);
      out.write(`label-free consistency over ${figures.pairs} pairs (no labels): labelFreeTc ${percent(figures.labelFreeTc)} (along ${meter.flowName} flow), unchangedShare ${percent(figures.unchangedShare)}\n`);
      await writeFileAtomic(join(outDir, 'label-free.json'), new TextEncoder().encode(`${JSON.stringify({ ...figures, flow: meter.flowName }, null, 2)}\n`));
    }
    return 0;
  },
};

/** A note when frames were not plain RGB (grey, with alpha) and were converted, naming the first. */
function noteConvertedFrames(source: ClipDataset, progress: ProgressReporter): void {
  const converted = (source as Partial<Pick<FileClipDataset, 'converted'>>).converted;
  if (!converted?.first) return;
  progress.log(`note: ${converted.count} frame(s) were not RGB and were converted to RGB (the first: ${converted.first.file}, ${converted.first.from})`);
}

/** A {@link LabelFreeMeter} in the model's classes (less its void class), along Farneback flow. */
async function labelFreeMeter(segmenter: Segmenter, progress: ProgressReporter): Promise<LabelFreeMeter> {
  const run = createRunContainer(await createPluginContainer([], process.cwd()), { seed: 0, baseDir: process.cwd() }, progress);
  const flow = pluginRegistry(run).create(run, 'flow', { type: 'farneback' }, { path: '--metrics' });
  return new LabelFreeMeter(labelFreeSpace(segmenter), flow);
}
