import type { ImageFrame, LabelMap } from '@vidseg/core';
import { applyCameraArtefacts } from './camera-artefacts.js';
import { cameraPoseAt } from './camera-pose.js';
import { frameExposure, shadeStreetPixel, type ShadingContext } from './shade-street.js';
import { spritePart } from './sprite-shapes.js';
import type { CameraPose, PinholeCamera, Projection } from './street-camera.js';
import { blockAt, SURFACE, spriteSurfaceId, type StreetScene } from './street-scene.js';

/** z of the plane the sky is painted on: far enough that camera travel barely moves it, and exact. */
export const SKY_Z = 20000;
/** Objects closer to the camera than this (metres) are not drawn. */
const NEAR = 0.3;

/** One rendered frame with what the exact flow needs: the surface and world point seen at each pixel. */
export interface RenderedStreetFrame {
  readonly time: number;
  readonly pose: CameraPose;
  readonly image: ImageFrame;
  readonly label: LabelMap;
  /** Surface id seen at each pixel (see SURFACE; strips and sprites follow). */
  readonly surface: Uint16Array;
  /** World point (x, y, z) seen at each pixel, at this frame's time. */
  readonly points: Float32Array;
}

/** Renders frame `time` of `scene` through `camera`: image, exact labels, surface ids and world points. */
export function renderStreetFrame(scene: StreetScene, camera: PinholeCamera, time: number): RenderedStreetFrame {
  const { width, height } = camera;
  const count = width * height;
  const pose = cameraPoseAt(scene.camera, time);
  const rays = camera.rays(pose);
  const depth = new Float32Array(count);
  const surface = new Uint16Array(count);
  const points = new Float32Array(count * 3);
  traceBackground(scene, pose, rays, depth, surface, points);
  drawStrips(scene, camera, pose, rays, depth, surface, points);
  drawSprites(scene, camera, pose, rays, time, depth, surface, points);

  const image = new Uint8Array(count * 3);
  const label = new Uint8Array(count);
  const context: ShadingContext = { scene, time, rays, depth, surface, points, width, gain: frameExposure(scene, time), focal: camera.focal };
  for (let p = 0; p < count; p++) label[p] = shadeStreetPixel(context, p, image);
  const frame: ImageFrame = { width, height, channels: 3, data: image };
  applyCameraArtefacts(frame, scene.artefacts, scene.seed, time);
  return { time, pose, image: frame, label: { width, height, data: label }, surface, points };
}

function traceBackground(scene: StreetScene, pose: CameraPose, rays: Float32Array, depth: Float32Array, surface: Uint16Array, points: Float32Array): void {
  const { x: px, y: py, z: pz } = pose;
  const xMin = scene.leftFacadeX;
  const xMax = scene.rightFacadeX;
  for (let p = 0, i = 0; p < depth.length; p++, i += 3) {
    const dx = rays[i]!;
    const dy = rays[i + 1]!;
    const dz = rays[i + 2]!;
    let best = (SKY_Z - pz) / dz;
    let id: number = SURFACE.sky;
    if (dy < 0) {
      const s = -py / dy;
      if (s < best) {
        best = s;
        id = SURFACE.ground;
      }
    }
    if (dx !== 0) {
      const facadeX = dx < 0 ? xMin : xMax;
      const s = (facadeX - px) / dx;
      if (s > 0 && s < best) {
        const y = py + s * dy;
        if (y >= 0 && y <= blockAt(dx < 0 ? scene.left : scene.right, pz + s * dz).height) {
          best = s;
          id = dx < 0 ? SURFACE.leftFacade : SURFACE.rightFacade;
        }
      }
    }
    const sFar = (scene.farZ - pz) / dz;
    if (sFar > 0 && sFar < best) {
      const x = px + sFar * dx;
      const y = py + sFar * dy;
      if (x >= xMin && x <= xMax && y >= 0 && y <= blockAt(scene.far, x).height) {
        best = sFar;
        id = SURFACE.farWall;
      }
    }
    depth[p] = best;
    surface[p] = id;
    points[i] = px + best * dx;
    points[i + 1] = id === SURFACE.ground ? 0 : py + best * dy;
    points[i + 2] = pz + best * dz;
  }
}

/** The pixel box [x0, x1) x [y0, y1) covering the projections of `corners`, or undefined when off screen or too close. */
function screenBox(camera: PinholeCamera, pose: CameraPose, corners: readonly (readonly [number, number, number])[]): [number, number, number, number] | undefined {
  const q: Projection = { x: 0, y: 0, depth: 0 };
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y, z] of corners) {
    camera.project(pose, x, y, z, q);
    if (q.depth < NEAR) return undefined;
    x0 = Math.min(x0, q.x);
    x1 = Math.max(x1, q.x);
    y0 = Math.min(y0, q.y);
    y1 = Math.max(y1, q.y);
  }
  const box: [number, number, number, number] = [Math.max(0, Math.floor(x0)), Math.max(0, Math.floor(y0)), Math.min(camera.width, Math.ceil(x1) + 1), Math.min(camera.height, Math.ceil(y1) + 1)];
  return box[0] < box[2] && box[1] < box[3] ? box : undefined;
}

function drawStrips(scene: StreetScene, camera: PinholeCamera, pose: CameraPose, rays: Float32Array, depth: Float32Array, surface: Uint16Array, points: Float32Array): void {
  const { x: px, y: py, z: pz } = pose;
  scene.strips.forEach((strip, index) => {
    const z0 = Math.max(strip.z0, pz + NEAR * 2);
    if (z0 >= strip.z1) return;
    const box = screenBox(camera, pose, [[strip.x, 0, z0], [strip.x, strip.height, z0], [strip.x, 0, strip.z1], [strip.x, strip.height, strip.z1]]);
    if (!box) return;
    const id = SURFACE.firstStrip + index;
    for (let y = box[1]; y < box[3]; y++) {
      for (let x = box[0]; x < box[2]; x++) {
        const p = y * camera.width + x;
        const i = 3 * p;
        const s = (strip.x - px) / rays[i]!;
        if (!(s > 0 && s < depth[p]!)) continue;
        const wy = py + s * rays[i + 1]!;
        const wz = pz + s * rays[i + 2]!;
        if (wy < 0 || wy > strip.height || wz < strip.z0 || wz > strip.z1) continue;
        depth[p] = s;
        surface[p] = id;
        points[i] = strip.x;
        points[i + 1] = wy;
        points[i + 2] = wz;
      }
    }
  });
}

function drawSprites(scene: StreetScene, camera: PinholeCamera, pose: CameraPose, rays: Float32Array, time: number, depth: Float32Array, surface: Uint16Array, points: Float32Array): void {
  const { x: px, y: py, z: pz } = pose;
  scene.sprites.forEach((sprite, index) => {
    const sx = sprite.x0 + sprite.vx * time;
    const sz = sprite.z0 + sprite.vz * time;
    const box = screenBox(camera, pose, [[sx - sprite.halfWidth, 0, sz], [sx + sprite.halfWidth, 0, sz], [sx - sprite.halfWidth, sprite.height, sz], [sx + sprite.halfWidth, sprite.height, sz]]);
    if (!box) return;
    const id = spriteSurfaceId(scene, index);
    for (let y = box[1]; y < box[3]; y++) {
      for (let x = box[0]; x < box[2]; x++) {
        const p = y * camera.width + x;
        const i = 3 * p;
        const s = (sz - pz) / rays[i + 2]!;
        if (!(s > 0 && s < depth[p]!)) continue;
        const wx = px + s * rays[i]!;
        const wy = py + s * rays[i + 1]!;
        if (spritePart(sprite, wx - sx, wy) < 0) continue;
        depth[p] = s;
        surface[p] = id;
        points[i] = wx;
        points[i + 1] = wy;
        points[i + 2] = sz;
      }
    }
  });
}
