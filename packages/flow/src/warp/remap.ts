import type { FlowField, ImageFrame, LabelMap } from '@vidseg/core';
import { sampleBilinear } from './bilinear.js';
import type { CoordinateMap } from './coordinate-map.js';

/** A remapped raster with the mask of output pixels that sampled inside the source (1) or not (0). */
export interface Remapped<T> {
  readonly result: T;
  readonly inside: Uint8Array;
}

/** Samples `image` at every point of `map` bilinearly; points outside get `fill` in every channel. */
export function remapImage(image: ImageFrame, map: CoordinateMap, fill = 0): Remapped<ImageFrame> {
  const count = map.width * map.height;
  const data = new Uint8Array(count * image.channels);
  const inside = new Uint8Array(count);
  sampleBilinear(image, map.data, data, inside, fill);
  return { result: { width: map.width, height: map.height, channels: image.channels, data }, inside };
}

/** Samples the (dx, dy) values of `flow` at every point of `map` bilinearly; outside points get 0. */
export function remapFlowValues(flow: FlowField, map: CoordinateMap): Remapped<FlowField> {
  const count = map.width * map.height;
  const data = new Float32Array(count * 2);
  const inside = new Uint8Array(count);
  sampleBilinear({ ...flow, channels: 2 }, map.data, data, inside, 0);
  return { result: { width: map.width, height: map.height, data }, inside };
}

/**
 * Samples `labels` at every point of `map` by nearest neighbour (no class id is invented); points
 * whose nearest pixel is outside get `fill`. Same convention as core's `warpLabelsNearest`, which
 * handles the same-size flow warp.
 */
export function remapLabels(labels: LabelMap, map: CoordinateMap, fill: number): LabelMap {
  const { width: w, height: h } = labels;
  const count = map.width * map.height;
  const out = new Uint8Array(count).fill(fill);
  for (let i = 0; i < count; i++) {
    const x = Math.round(map.data[2 * i]!);
    const y = Math.round(map.data[2 * i + 1]!);
    if (x < 0 || y < 0 || x >= w || y >= h) continue;
    out[i] = labels.data[y * w + x]!;
  }
  return { width: map.width, height: map.height, data: out };
}
