import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { countUnchanged, DataError, overlayLabels, type ClipDataset, type ImageFrame, type LabelMap, type Palette, type SequenceFrame } from '@vidseg/core';
import { segmentAtModelSize, type FrameSizing, type Segmenter } from '@vidseg/backend-ort';
import { writeFileAtomic } from '@vidseg/core/node';
import { writeAnimatedPreview, writePng } from '@vidseg/data';
import type { SegmentedRange } from '@vidseg/queue';

/** Frames kept for the animated preview (it is a preview, not the whole video). */
export const PREVIEW_FRAMES = 150;

/** Where and how the per-frame outputs of `vidseg infer` (and of queue workers) are written. */
export interface FrameOutputs {
  /** Folder of labels/<frame>.png, overlays/<frame>.png and preview.webp. */
  readonly outDir: string;
  /** Write overlays (and keep them for the preview). */
  readonly overlays: boolean;
  readonly alpha: number;
  readonly palette: Palette;
  /** `model`: each frame resized to the model's input (labels back to the frame size); `frame`: at its own size. */
  readonly sizing: FrameSizing;
}

/** What {@link segmentFrames} did: a queue chunk's result without its bookkeeping, plus the preview images. */
export interface SegmentedFrames extends SegmentedRange {
  /** Overlays of the frames at positions below `previewUntil`, in order (unless `previewIdsOnly`); their ids are `previewIds`. */
  readonly preview: readonly ImageFrame[];
}

/** Creates the output folders of {@link segmentFrames}. */
export async function prepareFrameOutputs(outputs: FrameOutputs): Promise<void> {
  await mkdir(join(outputs.outDir, 'labels'), { recursive: true });
  if (outputs.overlays) await mkdir(join(outputs.outDir, 'overlays'), { recursive: true });
}

/**
 * Segments the frames at positions [start, end) of `source` one by one and writes each one's label
 * PNG (and overlay PNG) atomically, named by the frame id. This is the whole per-frame pipeline of
 * `vidseg infer`; queue workers call it on their chunk so both write identical bytes.
 */
export async function segmentFrames(
  source: ClipDataset,
  segmenter: Segmenter,
  range: { readonly start: number; readonly end: number },
  outputs: FrameOutputs,
  options: {
    readonly timestampMs: (position: number) => number;
    readonly previewUntil: number;
    /** Keep only the ids of the preview frames (their overlays are on disk), not the images. */
    readonly previewIdsOnly?: boolean;
    readonly onFrame?: (done: number) => void;
    /** Called with each frame's label map before the next frame is segmented (the map's buffer is reused after). */
    readonly onLabels?: (frame: SequenceFrame, labels: LabelMap) => Promise<void>;
  },
): Promise<SegmentedFrames> {
  const preview: ImageFrame[] = [];
  const previewIds: string[] = [];
  const frameRows: string[] = [];
  let modelMs = 0;
  let previous: Uint8Array | undefined;
  let unchanged = 0;
  let compared = 0;
  let firstFrameId = '';
  let lastFrameId = '';
  let first: { id: string; width: number; height: number } | undefined;
  for (let i = range.start; i < range.end; i++) {
    const frame = await source.frame(i);
    first ??= { id: frame.id, width: frame.image.width, height: frame.image.height };
    assertSameFrameSize(first, frame);
    const started = performance.now();
    const { labels } = await segmentAtModelSize(segmenter, frame.image, options.timestampMs(i), { sizing: outputs.sizing });
    modelMs += performance.now() - started;
    await writePng(join(outputs.outDir, 'labels', `${frame.id}.png`), labels);
    await options.onLabels?.(frame, labels);
    frameRows.push(`${csvField(frame.id)},${csvField(source.sourceOf?.(i) ?? '')}`);
    if (outputs.overlays) {
      const overlay = overlayLabels(frame.image, labels, outputs.palette, outputs.alpha);
      await writePng(join(outputs.outDir, 'overlays', `${frame.id}.png`), overlay);
      if (i < options.previewUntil) {
        if (!options.previewIdsOnly) preview.push(overlay);
        previewIds.push(frame.id);
      }
    }
    if (previous) {
      const pair = countUnchanged(previous, labels.data);
      unchanged += pair.unchanged;
      compared += pair.compared;
    }
    previous = Uint8Array.from(labels.data); // the segmenter reuses labels.data for the next frame
    if (i === range.start) firstFrameId = frame.id;
    lastFrameId = frame.id;
    options.onFrame?.(i - range.start + 1);
  }
  const frames = Math.max(range.end - range.start, 0);
  return { frames, modelMs, firstFrameId, lastFrameId, preview, previewIds, frameRows, unchangedPixels: unchanged, comparedPixels: compared, pairs: Math.max(frames - 1, 0) };
}

/** Writes frames.csv: each output name with the input file, or video time, it came from. */
export async function writeFramesIndex(outDir: string, rows: readonly string[]): Promise<void> {
  await writeFileAtomic(join(outDir, 'frames.csv'), new TextEncoder().encode(['output,input', ...rows].map((row) => `${row}\n`).join('')));
}

/** A CSV field: quoted when it holds a comma, quote or line break. */
function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Preview rate of a folder of frames, whose rate nothing says (a video's own rate is used). */
export const FOLDER_FPS = 15;

/** Writes the animated preview of `outDir` from overlays (nothing when there are none), at `fps`. */
export async function writeFramesPreview(outDir: string, preview: readonly ImageFrame[], fps: number): Promise<void> {
  if (preview.length > 0) await writeAnimatedPreview(join(outDir, 'preview.webp'), preview, { fps });
}

/** Frames of one input share a size (the preview is one animation, the consistency figures compare pixels): a different one is named. */
function assertSameFrameSize(first: { id: string; width: number; height: number }, frame: { id: string; image: ImageFrame }): void {
  if (frame.image.width === first.width && frame.image.height === first.height) return;
  throw new DataError(`frame "${frame.id}" is ${frame.image.width}x${frame.image.height}, but the first frame "${first.id}" is ${first.width}x${first.height}: frames of one input must share a size`, {
    hint: 'resize the frames to one size, or segment each size from its own folder',
  });
}
