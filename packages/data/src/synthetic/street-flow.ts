import type { FlowField } from '@vidseg/core';
import type { PinholeCamera, Projection } from './street-camera.js';
import { SURFACE, type StreetScene } from './street-scene.js';
import type { RenderedStreetFrame } from './render-street-frame.js';

/** The exact flow between two rendered frames and where it is usable. */
export interface StreetFlow {
  readonly flow: FlowField;
  /**
   * 1 where the point seen at the pixel of `from` is seen in `to` at p + F(p), with the four pixels
   * around that point all showing the same surface (so bilinear sampling of `to` there reproduces
   * the point up to interpolation); 0 where it is hidden, out of view, or on a surface boundary.
   */
  readonly valid: Uint8Array;
}

/**
 * The exact flow from frame `from` to frame `to` of one scene: each pixel's world point is moved by
 * its object's motion over the time between the frames and projected with the camera of `to`.
 */
export function streetFlow(scene: StreetScene, camera: PinholeCamera, from: RenderedStreetFrame, to: RenderedStreetFrame): StreetFlow {
  const { width, height } = camera;
  const count = width * height;
  const flow = new Float32Array(count * 2);
  const valid = new Uint8Array(count);
  const dt = to.time - from.time;
  const firstSprite = SURFACE.firstStrip + scene.strips.length;
  const q: Projection = { x: 0, y: 0, depth: 0 };
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      const id = from.surface[p]!;
      let wx = from.points[3 * p]!;
      const wy = from.points[3 * p + 1]!;
      let wz = from.points[3 * p + 2]!;
      if (id >= firstSprite) {
        const sprite = scene.sprites[id - firstSprite]!;
        wx += sprite.vx * dt;
        wz += sprite.vz * dt;
      }
      camera.project(to.pose, wx, wy, wz, q);
      flow[2 * p] = q.x - x;
      flow[2 * p + 1] = q.y - y;
      valid[p] = q.depth > 0 && sameSurfaceAround(to.surface, width, height, q.x, q.y, id) ? 1 : 0;
    }
  }
  return { flow: { width, height, data: flow }, valid };
}

/** Whether the (up to) four pixels around the point (x, y) all show surface `id`. */
function sameSurfaceAround(surface: Uint16Array, width: number, height: number, x: number, y: number, id: number): boolean {
  if (!(x >= 0 && y >= 0 && x <= width - 1 && y <= height - 1)) return false;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(x0 + 1, width - 1);
  const y1 = Math.min(y0 + 1, height - 1);
  return surface[y0 * width + x0] === id && surface[y0 * width + x1] === id && surface[y1 * width + x0] === id && surface[y1 * width + x1] === id;
}
