import type { FlowField, ImageFrame, LabelMap } from '@vidseg/core';
import { SyntheticDataset, type SyntheticDatasetOptions } from '@vidseg/data';

/** A rendered synthetic clip: frames, their exact labels, and the exact flow F(t -> t+1) of each pair. */
export interface RenderedClip {
  readonly frames: readonly ImageFrame[];
  readonly labels: readonly LabelMap[];
  readonly flows: readonly FlowField[];
}

/** Renders the one clip of a single-clip `synthetic` dataset, with labels and forward flows. */
export async function renderClip(options: Partial<SyntheticDatasetOptions>): Promise<RenderedClip> {
  const dataset = new SyntheticDataset({ ...options, clips: 1 });
  const frames: ImageFrame[] = [];
  const labels: LabelMap[] = [];
  const flows: FlowField[] = [];
  for (let t = 0; t < dataset.size; t++) {
    const frame = await dataset.frame(t);
    frames.push(frame.image);
    labels.push(frame.label!);
    if (t + 1 < dataset.size) flows.push((await dataset.exactNeighbour(t, 1)).flow);
  }
  return { frames, labels, flows };
}
