import type { FlowField, LabelMap } from '../types/image-frame.js';
import { assertSameSize } from '../types/image-frame.js';

/**
 * Calls `visit(p, q)` for every pixel index p of frame a whose flow target, rounded to the nearest
 * pixel, lies inside frame b; q is that target's index. Pixels whose flow points outside are skipped.
 * This is the nearest-neighbour backward warp shared by label warping and temporal consistency.
 */
export function forEachFlowTarget(flow: FlowField, visit: (p: number, q: number) => void): void {
  const { width, height, data } = flow;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const tx = Math.round(x + data[2 * p]!);
      const ty = Math.round(y + data[2 * p + 1]!);
      if (tx < 0 || ty < 0 || tx >= width || ty >= height) continue;
      visit(p, ty * width + tx);
    }
  }
}

/**
 * Warps label map `b` back onto frame a along the flow F(a -> b) by nearest neighbour, so no class
 * id is invented: out[p] = b[round(p + F(p))]. Pixels whose flow leaves the frame get `fill`.
 */
export function warpLabelsNearest(b: LabelMap, flow: FlowField, fill: number): LabelMap {
  assertSameSize(b, flow, 'warpLabelsNearest (labels vs flow)');
  const out = new Uint8Array(b.width * b.height).fill(fill);
  forEachFlowTarget(flow, (p, q) => {
    out[p] = b.data[q]!;
  });
  return { width: b.width, height: b.height, data: out };
}
