import { assertSameSize, type FlowField } from '@vidseg/core';
import { sampleBilinear } from '../warp/bilinear.js';
import { flowTargets } from '../warp/coordinate-map.js';

/** Thresholds of the forward-backward consistency test (Sundaram, Brox, Keutzer, ECCV 2010). */
export interface ForwardBackwardThresholds {
  /** Tolerance growing with the motion: share of |F|^2 + |B|^2 (default 0.01). */
  readonly relative?: number;
  /** Constant tolerance in squared pixels (default 0.5). */
  readonly absolute?: number;
}

/**
 * The non-occlusion mask of frame a from the flows a -> b (`forward`) and b -> a (`backward`):
 * 1 where following F then B comes back: |F(p) + B(q)|^2 < relative * (|F(p)|^2 + |B(q)|^2) +
 * absolute with q = p + F(p) (B sampled bilinearly); 0 where that fails (occluded or mismatched)
 * or q leaves the frame.
 */
export function forwardBackwardMask(forward: FlowField, backward: FlowField, thresholds: ForwardBackwardThresholds = {}): Uint8Array {
  assertSameSize(forward, backward, 'forwardBackwardMask (forward vs backward flow)');
  const relative = thresholds.relative ?? 0.01;
  const absolute = thresholds.absolute ?? 0.5;
  const count = forward.width * forward.height;
  const back = new Float32Array(count * 2);
  const inside = new Uint8Array(count);
  sampleBilinear({ ...backward, channels: 2 }, flowTargets(forward).data, back, inside, 0);
  const mask = new Uint8Array(count);
  const f = forward.data;
  for (let p = 0; p < count; p++) {
    if (!inside[p]) continue;
    const fx = f[2 * p]!;
    const fy = f[2 * p + 1]!;
    const bx = back[2 * p]!;
    const by = back[2 * p + 1]!;
    const sx = fx + bx;
    const sy = fy + by;
    mask[p] = sx * sx + sy * sy < relative * (fx * fx + fy * fy + bx * bx + by * by) + absolute ? 1 : 0;
  }
  return mask;
}
