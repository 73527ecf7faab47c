import type { RandomSource } from '@vidseg/core';
import type { PseudoMotionOptions } from './pseudo-motion-options.js';

/**
 * A smooth motion of the image plane: a homography about the image centre plus a small local
 * deformation interpolated bilinearly from a coarse grid of random displacements.
 * `forward(x, y)` gives where the point (x, y) of the still moves to.
 */
export class SmoothMotion {
  private readonly scratch = new Float64Array(2);

  private constructor(
    /** Homography in pixel coordinates, row-major 3x3. */
    private readonly h: Float64Array,
    private readonly inverseH: Float64Array,
    private readonly grid: Float64Array,
    private readonly columns: number,
    private readonly rows: number,
    private readonly cellWidth: number,
    private readonly cellHeight: number,
  ) {}

  /** Draws a motion for a gap of `frames` video frames (amounts scale with it) on a width x height image. */
  static draw(random: RandomSource, width: number, height: number, frames: number, o: PseudoMotionOptions): SmoothMotion {
    const k = Math.abs(frames);
    const symmetric = () => 2 * random.next() - 1;
    const angle = (symmetric() * o.rotation * k * Math.PI) / 180;
    const scale = 1 + symmetric() * o.zoom * k;
    const tx = symmetric() * o.translation * k * width;
    const ty = symmetric() * o.translation * k * width * 0.5;
    const half = Math.max(width, height) / 2;
    const gx = (symmetric() * o.perspective * k) / half;
    const gy = (symmetric() * o.perspective * k * 0.5) / half;
    const cx = (width - 1) / 2;
    const cy = (height - 1) / 2;
    const a = scale * Math.cos(angle);
    const b = -scale * Math.sin(angle);
    // Centred: u' = (A u + t) / (1 + g.u); back to pixels by adding the centre.
    const centred = Float64Array.from([a, b, tx, -b, a, ty, gx, gy, 1]);
    const h = compose(translation(cx, cy), compose(centred, translation(-cx, -cy)));
    const columns = o.deformationCells + 1;
    const rows = Math.max(1, Math.round((o.deformationCells * height) / width)) + 1;
    const grid = new Float64Array(columns * rows * 2);
    for (let i = 0; i < grid.length; i++) grid[i] = symmetric() * o.deformation * k;
    return new SmoothMotion(h, invert(h), grid, columns, rows, (width - 1) / (columns - 1), (height - 1) / Math.max(1, rows - 1));
  }

  /** Where (x, y) of the still moves to, into `out`. */
  forward(x: number, y: number, out: Float64Array): Float64Array {
    project(this.h, x, y, out);
    const dx = this.displacement(x, y, 0);
    const dy = this.displacement(x, y, 1);
    out[0]! += dx;
    out[1]! += dy;
    return out;
  }

  /**
   * The point of the still that moves to (x, y), found by fixed-point iteration
   * p <- H^-1((x, y) - d(p)) (a contraction: d is small and smooth); also returns the residual.
   */
  inverse(x: number, y: number, out: Float64Array): number {
    project(this.inverseH, x, y, out);
    for (let i = 0; i < 6; i++) {
      const px = out[0]!;
      const py = out[1]!;
      project(this.inverseH, x - this.displacement(px, py, 0), y - this.displacement(px, py, 1), out);
    }
    const check = this.forward(out[0]!, out[1]!, this.scratch);
    return Math.hypot(check[0]! - x, check[1]! - y);
  }

  private displacement(x: number, y: number, k: 0 | 1): number {
    const gx = Math.max(0, Math.min(this.columns - 1, x / this.cellWidth));
    const gy = this.rows > 1 ? Math.max(0, Math.min(this.rows - 1, y / this.cellHeight)) : 0;
    const x0 = Math.min(Math.floor(gx), this.columns - 2);
    const y0 = this.rows > 1 ? Math.min(Math.floor(gy), this.rows - 2) : 0;
    const fx = gx - x0;
    const fy = gy - y0;
    const y1 = this.rows > 1 ? y0 + 1 : 0;
    const at = (c: number, r: number) => this.grid[2 * (r * this.columns + c) + k]!;
    return (1 - fx) * (1 - fy) * at(x0, y0) + fx * (1 - fy) * at(x0 + 1, y0) + (1 - fx) * fy * at(x0, y1) + fx * fy * at(x0 + 1, y1);
  }
}

function translation(x: number, y: number): Float64Array {
  return Float64Array.from([1, 0, x, 0, 1, y, 0, 0, 1]);
}

function compose(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) out[3 * i + j] = a[3 * i]! * b[j]! + a[3 * i + 1]! * b[3 + j]! + a[3 * i + 2]! * b[6 + j]!;
  return out;
}

function invert(m: Float64Array): Float64Array {
  const [a, b, c, d, e, f, g, h, i] = m as unknown as number[];
  const A = e! * i! - f! * h!;
  const B = -(d! * i! - f! * g!);
  const C = d! * h! - e! * g!;
  const det = a! * A + b! * B + c! * C;
  return Float64Array.from([A, -(b! * i! - c! * h!), b! * f! - c! * e!, B, a! * i! - c! * g!, -(a! * f! - c! * d!), C, -(a! * h! - b! * g!), a! * e! - b! * d!].map((v) => v / det));
}

function project(m: Float64Array, x: number, y: number, out: Float64Array): void {
  const w = m[6]! * x + m[7]! * y + m[8]!;
  out[0] = (m[0]! * x + m[1]! * y + m[2]!) / w;
  out[1] = (m[3]! * x + m[4]! * y + m[5]!) / w;
}
