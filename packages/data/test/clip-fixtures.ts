import type { ImageFrame } from '@vidseg/core';
import { warpImage } from '@vidseg/flow';
import { SyntheticDataset } from '../src/datasets/synthetic/synthetic-dataset.js';
import type { SyntheticDatasetOptions } from '../src/datasets/synthetic/synthetic-options.js';

/** A small noise-free synthetic split, so warping errors are interpolation errors only. */
export function cleanSynthetic(options: Partial<SyntheticDatasetOptions> = {}): SyntheticDataset {
  return new SyntheticDataset({ size: [72, 96], clips: 2, framesPerClip: 8, lighting: 0, sensorNoise: 0, traffic: 2, ...options });
}

/** Mean absolute RGB difference between `a` and image `b` warped back along `flow`, over pixels where `mask` is 1. */
export function warpError(a: ImageFrame, b: ImageFrame, flow: Parameters<typeof warpImage>[1], mask: Uint8Array): { mean: number; pixels: number } {
  const warped = warpImage(b, flow).result;
  let sum = 0;
  let pixels = 0;
  for (let p = 0; p < mask.length; p++) {
    if (!mask[p]) continue;
    for (let k = 0; k < 3; k++) sum += Math.abs(a.data[a.channels * p + k]! - warped.data[warped.channels * p + k]!);
    pixels++;
  }
  return { mean: sum / (3 * pixels), pixels };
}

/** Share of ones in a mask. */
export function coverage(mask: Uint8Array): number {
  let ones = 0;
  for (const v of mask) ones += v;
  return ones / mask.length;
}
