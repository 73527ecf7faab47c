import { resizeImageArea, resizeLabelsNearest, type ImageFrame, type LabelMap } from '@vidseg/core';
import type { Segmenter } from './segmenter.js';

/**
 * Which size a frame is segmented at: `model` (the model's fixed input size, else the size it was
 * trained at, else the frame's size rounded to the model's multiple) or `frame` (the frame as it
 * is: no resizing; the model must accept that size).
 */
export type FrameSizing = 'model' | 'frame';

/** The size facts of a model that decide how frames are fitted to it (a {@link Segmenter} has them). */
export interface ModelSizeFacts {
  /** Fixed [height, width], or null when the model takes any size. */
  readonly inputSize: readonly [number, number] | null;
  /** The [height, width] the model was trained at, when known. */
  readonly nativeSize?: readonly [number, number] | undefined;
  /** Height and width must be multiples of this. */
  readonly multipleOf: number;
}

/**
 * The [height, width] a frame of `frame`'s size is segmented at. With `model` sizing a fixed-size
 * model gets its size; a dynamic-size model its training size (running it at 2048x1024 when it
 * was trained at 1024x512 is slower and worse); a dynamic model without one the frame's size
 * rounded to the nearest multiple it needs. `explicit` (e.g. a config's `eval.inputSize`) wins.
 */
export function segmentationSize(
  model: ModelSizeFacts,
  frame: { readonly height: number; readonly width: number },
  sizing: FrameSizing = 'model',
  explicit?: readonly [number, number],
): readonly [number, number] {
  if (explicit) return explicit;
  if (sizing === 'frame') return [frame.height, frame.width];
  if (model.inputSize) return model.inputSize;
  if (model.nativeSize) return model.nativeSize;
  const round = (side: number) => Math.max(model.multipleOf, Math.round(side / model.multipleOf) * model.multipleOf);
  return [round(frame.height), round(frame.width)];
}

/** A frame's segmentation at its own size, and the size the model ran at. */
export interface FittedSegmentation {
  /** Class ids at the frame's size (a new array: it is not reused by the next call). */
  readonly labels: LabelMap;
  /** [height, width] the model ran at. */
  readonly modelSize: readonly [number, number];
}

/**
 * Segments the next video frame at the size {@link segmentationSize} chooses: the frame is shrunk
 * by area averaging (bilinear where it must grow), the label map brought back to the frame's size
 * by nearest neighbour, so no class id is invented. `vidseg infer` and `vidseg eval` use it.
 */
export async function segmentAtModelSize(
  segmenter: Segmenter,
  frame: ImageFrame,
  timestampMs: number,
  options: { readonly sizing?: FrameSizing; readonly size?: readonly [number, number] } = {},
): Promise<FittedSegmentation> {
  const modelSize = segmentationSize(segmenter, frame, options.sizing, options.size);
  const input = resizeImageArea(frame, modelSize[0], modelSize[1]);
  const { labels } = await segmenter.segment(input, timestampMs);
  const fitted = resizeLabelsNearest(labels, frame.height, frame.width);
  return { labels: fitted === labels ? { ...labels, data: labels.data.slice() } : fitted, modelSize };
}
