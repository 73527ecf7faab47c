import type { FlowField } from '@vidseg/core';
import { bilinearSupportSet, type CoordinateMap } from '@vidseg/flow/internal';
import { inverseLinear, type AffineMap } from './affine-map.js';

/**
 * Carries an exact flow through the augmentation `map` shared by both frames: with x = A(o), the
 * output flow is F'(o) = L^-1 F(x) (L the linear part of A), F sampled bilinearly at x.
 *
 * The output is valid where the four source pixels around x are all valid and their flows agree to
 * within `tolerance` pixels (so interpolation does not blend across a motion boundary), and where
 * the target o + F'(o) has its four output pixels inside the other frame's sampled area
 * (`targetInside`, the inside mask of the other frame's remap).
 */
export function transformExactFlow(
  flow: FlowField,
  valid: Uint8Array,
  map: AffineMap,
  coords: CoordinateMap,
  targetInside: Uint8Array,
  tolerance = 0.5,
): { flow: FlowField; valid: Uint8Array } {
  const { width: w, height: h, data: f } = flow;
  const [ia, ib, ic, id] = inverseLinear(map);
  const outW = coords.width;
  const outH = coords.height;
  const out = new Float32Array(outW * outH * 2);
  const outValid = new Uint8Array(outW * outH);
  const corners = [0, 0, 0, 0];
  for (let o = 0; o < outW * outH; o++) {
    const x = coords.data[2 * o]!;
    const y = coords.data[2 * o + 1]!;
    if (!(x >= 0 && y >= 0 && x <= w - 1 && y <= h - 1)) continue;
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    // Neighbours with zero weight do not count (an integer x samples one column).
    const x1 = x === x0 ? x0 : x0 + 1;
    const y1 = y === y0 ? y0 : y0 + 1;
    corners[0] = y0 * w + x0;
    corners[1] = y0 * w + x1;
    corners[2] = y1 * w + x0;
    corners[3] = y1 * w + x1;
    let usable = true;
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (const q of corners) {
      if (!valid[q]) usable = false;
      const fx = f[2 * q]!;
      const fy = f[2 * q + 1]!;
      minX = Math.min(minX, fx);
      maxX = Math.max(maxX, fx);
      minY = Math.min(minY, fy);
      maxY = Math.max(maxY, fy);
    }
    const ax = x - x0;
    const ay = y - y0;
    const w00 = (1 - ax) * (1 - ay);
    const w10 = ax * (1 - ay);
    const w01 = (1 - ax) * ay;
    const w11 = ax * ay;
    const [q00, q10, q01, q11] = [2 * corners[0]!, 2 * corners[1]!, 2 * corners[2]!, 2 * corners[3]!];
    const fx = w00 * f[q00]! + w10 * f[q10]! + w01 * f[q01]! + w11 * f[q11]!;
    const fy = w00 * f[q00 + 1]! + w10 * f[q10 + 1]! + w01 * f[q01 + 1]! + w11 * f[q11 + 1]!;
    const gx = ia * fx + ib * fy;
    const gy = ic * fx + id * fy;
    out[2 * o] = gx;
    out[2 * o + 1] = gy;
    if (!usable || maxX - minX > tolerance || maxY - minY > tolerance) continue;
    outValid[o] = bilinearSupportSet(targetInside, outW, outH, (o % outW) + gx, Math.floor(o / outW) + gy) ? 1 : 0;
  }
  return { flow: { width: outW, height: outH, data: out }, valid: outValid };
}
