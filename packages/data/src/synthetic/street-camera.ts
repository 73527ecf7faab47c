/** Where the camera is and how it is turned at one instant (world: x right, y up, z forward, metres). */
export interface CameraPose {
  readonly x: number;
  readonly y: number;
  readonly z: number;
  /** World-to-camera rotation, row-major 3x3. */
  readonly rotation: Float64Array;
}

/** A projected point: image coordinates (pixel centres at integers) and depth along the optical axis. */
export interface Projection {
  x: number;
  y: number;
  depth: number;
}

/**
 * A pinhole camera of a fixed image size. Pixel (x, y) looks along the ray whose camera-frame
 * direction is ((x - cx) / f, -(y - cy) / f, 1), so the ray parameter of a hit is its depth.
 */
export class PinholeCamera {
  constructor(
    readonly width: number,
    readonly height: number,
    readonly focal: number,
    readonly cx: number,
    readonly cy: number,
  ) {}

  /** Rotation from yaw (about y), pitch (about x) and roll (about z), in radians: R = Rz * Rx * Ry. */
  static rotation(yaw: number, pitch: number, roll: number): Float64Array {
    const [cy, sy, cp, sp, cr, sr] = [Math.cos(yaw), Math.sin(yaw), Math.cos(pitch), Math.sin(pitch), Math.cos(roll), Math.sin(roll)];
    const ry = [cy, 0, -sy, 0, 1, 0, sy, 0, cy];
    const rx = [1, 0, 0, 0, cp, sp, 0, -sp, cp];
    const rz = [cr, sr, 0, -sr, cr, 0, 0, 0, 1];
    return multiply(rz, multiply(rx, ry));
  }

  /** World directions of every pixel's ray (3 floats per pixel), scaled so the ray parameter is depth. */
  rays(pose: CameraPose): Float32Array {
    const { width, height, focal, cx, cy } = this;
    const r = pose.rotation;
    const out = new Float32Array(width * height * 3);
    let i = 0;
    for (let y = 0; y < height; y++) {
      const b = -(y - cy) / focal;
      for (let x = 0; x < width; x++, i += 3) {
        const a = (x - cx) / focal;
        // d_world = R^T d_cam with d_cam = (a, b, 1).
        out[i] = r[0]! * a + r[3]! * b + r[6]!;
        out[i + 1] = r[1]! * a + r[4]! * b + r[7]!;
        out[i + 2] = r[2]! * a + r[5]! * b + r[8]!;
      }
    }
    return out;
  }

  /** Projects the world point (x, y, z) into `out`; depth <= 0 means behind the camera. */
  project(pose: CameraPose, x: number, y: number, z: number, out: Projection): Projection {
    const r = pose.rotation;
    const dx = x - pose.x;
    const dy = y - pose.y;
    const dz = z - pose.z;
    const cxw = r[0]! * dx + r[1]! * dy + r[2]! * dz;
    const cyw = r[3]! * dx + r[4]! * dy + r[5]! * dz;
    const czw = r[6]! * dx + r[7]! * dy + r[8]! * dz;
    out.depth = czw;
    out.x = this.cx + (this.focal * cxw) / czw;
    out.y = this.cy - (this.focal * cyw) / czw;
    return out;
  }
}

function multiply(a: readonly number[] | Float64Array, b: readonly number[] | Float64Array): Float64Array {
  const out = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) out[3 * i + j] = a[3 * i]! * b[j]! + a[3 * i + 1]! * b[3 + j]! + a[3 * i + 2]! * b[6 + j]!;
  }
  return out;
}
