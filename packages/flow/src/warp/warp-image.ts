import { assertSameSize, type FlowField, type ImageFrame } from '@vidseg/core';
import { flowTargets } from './coordinate-map.js';
import { remapImage, type Remapped } from './remap.js';

/**
 * Warps image `b` back onto frame a along the flow F(a -> b) by bilinear interpolation:
 * out(p) = b(p + F(p)). Pixels whose target leaves the frame get `fill` and 0 in `inside`.
 * (Label maps warp by nearest neighbour with core's `warpLabelsNearest`.)
 */
export function warpImage(b: ImageFrame, flow: FlowField, fill = 0): Remapped<ImageFrame> {
  assertSameSize(b, flow, 'warpImage (image vs flow)');
  return remapImage(b, flowTargets(flow), fill);
}
