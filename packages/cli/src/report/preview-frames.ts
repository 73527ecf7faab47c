import { CAMVID_PALETTE, evaluationOrder, overlayLabels, SeededRandom, type ClipDataset, type FlowField, type ImageFrame, type LabelMap, type Palette } from '@vidseg/core';
import { createSegmenter } from '@vidseg/backend-ort';
import { sideBySide } from '../pipeline/side-by-side.js';
import { labelFlicker } from './label-flicker.js';
import { upscaleNearest } from './upscale-nearest.js';

/** The animation of a comparison and what was measured on its frames. */
export interface Preview {
  /** Frame | ground truth (when the data has labels) | each model's overlay, enlarged. */
  readonly frames: readonly ImageFrame[];
  /** Panel titles, left to right. */
  readonly panels: readonly string[];
  readonly palette: Palette;
  /** Per model, per consecutive frame pair with exact flow: {@link labelFlicker} of its predictions (empty without exact flow). */
  readonly flicker: readonly (readonly number[])[];
}

/** Options of {@link renderPreview}. */
export interface PreviewOptions {
  readonly dataset: ClipDataset;
  /** Exported .onnx files, and their titles. */
  readonly models: readonly string[];
  readonly titles: readonly string[];
  /** How many frames of the evaluation order (the first clip's, for clips at least that long). */
  readonly count: number;
  /** Enlargement of each panel (pixels repeated). */
  readonly scale: number;
}

/**
 * The first frames of the dataset in time order, each with its ground truth and every model's
 * overlay beside it, plus the per-frame flicker of each model between consecutive frames of a
 * sequence whose exact flow the dataset gives (synthetic clips).
 */
export async function renderPreview(options: PreviewOptions): Promise<Preview> {
  const { dataset } = options;
  const segmenters = await Promise.all(options.models.map((model) => createSegmenter({ model })));
  const palette = segmenters[0]?.palette ?? CAMVID_PALETTE;
  const positions = evaluationOrder(dataset).slice(0, options.count);
  const frames: ImageFrame[] = [];
  const flicker: number[][] = options.models.map(() => []);
  let previous: { position: number; labels: LabelMap[] } | undefined;
  let withLabels = true;
  try {
    for (const [i, position] of positions.entries()) {
      const frame = await dataset.frame(position);
      withLabels &&= frame.label !== undefined;
      const labels: LabelMap[] = [];
      for (const segmenter of segmenters) labels.push((await segmenter.segment(frame.image, i + 1)).labels);
      const motion = previous && (await exactMotion(dataset, previous.position, position));
      if (previous && motion) labels.forEach((next, m) => flicker[m]!.push(labelFlicker(previous!.labels[m]!, next, motion.flow, motion.valid)));
      previous = { position, labels };
      const panels = [frame.image, ...(frame.label ? [overlayLabels(frame.image, frame.label, palette, 0.6)] : []), ...labels.map((l) => overlayLabels(frame.image, l, palette, 0.6))];
      frames.push(sideBySide(panels.map((panel) => upscaleNearest(panel, options.scale)), 6));
    }
  } finally {
    await Promise.all(segmenters.map((s) => s.close()));
  }
  return { frames, panels: ['frame', ...(withLabels ? ['ground truth'] : []), ...options.titles], palette, flicker };
}

/** The exact flow from `from` to `to` when both are consecutive frames of one sequence and the dataset has exact flow. */
async function exactMotion(dataset: ClipDataset, from: number, to: number): Promise<{ flow: FlowField; valid: Uint8Array } | undefined> {
  const sequence = dataset.sequences?.().find((s) => s.positions.includes(from));
  if (!sequence || !dataset.exactNeighbour) return undefined;
  const index = sequence.positions.indexOf(from);
  if (sequence.positions[index + 1] !== to) return undefined;
  const neighbour = await dataset.exactNeighbour(from, sequence.frameStep, new SeededRandom(0));
  return neighbour && { flow: neighbour.flow, valid: neighbour.valid };
}
