import { hashUnit } from '../random/hash.js';

/**
 * Smooth 2-D value noise in [0, 1): random values on the integer lattice, blended with a smoothstep.
 * A pure function of (x, y, seed), so a surface point looks the same in every frame.
 */
export function valueNoise(x: number, y: number, seed: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const a = hashUnit(ix, iy, 0, seed);
  const b = hashUnit(ix + 1, iy, 0, seed);
  const c = hashUnit(ix, iy + 1, 0, seed);
  const d = hashUnit(ix + 1, iy + 1, 0, seed);
  return a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy;
}
