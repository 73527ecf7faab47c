import type { Rgb } from '@vidseg/core';
import { CAMVID } from './camvid-classes.js';
import { hashUnit } from '../random/hash.js';
import { valueNoise } from './value-noise.js';
import { PART, partLabel, spritePart } from './sprite-shapes.js';
import { blockAt, SURFACE, type FacadeBlock, type StreetScene } from './street-scene.js';

/** The buffers of a frame being shaded. */
export interface ShadingContext {
  readonly scene: StreetScene;
  readonly time: number;
  readonly rays: Float32Array;
  readonly depth: Float32Array;
  readonly surface: Uint16Array;
  readonly points: Float32Array;
  readonly width: number;
  /** Exposure of the frame (see {@link frameExposure}). */
  readonly gain: number;
  /** Focal length in pixels. */
  readonly focal: number;
}

const SKY_HORIZON: Rgb = [205, 215, 228];
const SKY_ZENITH: Rgb = [105, 145, 200];
const CLOUD: Rgb = [240, 240, 245];
const FENCE: Rgb = [140, 110, 80];
const HEDGE: Rgb = [55, 105, 40];
const LIT_WINDOW: Rgb = [200, 190, 140];
const DARK_WINDOW: Rgb = [45, 55, 70];
const PART_COLOURS: Readonly<Record<number, Rgb>> = {
  [PART.window]: [50, 60, 75],
  [PART.wheel]: [25, 25, 25],
  [PART.light]: [210, 40, 35],
  [PART.skin]: [215, 175, 145],
  [PART.frame]: [70, 70, 75],
  [PART.trunk]: [95, 65, 40],
  [PART.pole]: [115, 115, 120],
};
/** Colour being computed for the current pixel (rendering is single-threaded and never re-entrant). */
const scratch = new Float64Array(3);

/**
 * Writes the colour of pixel `p` into `image` (RGB) and returns its class. Colours are functions of
 * the surface point only (plus exposure and sensor noise of the frame), so a point looks the same in
 * every frame: the brightness constancy optical flow relies on.
 */
export function shadeStreetPixel(context: ShadingContext, p: number, image: Uint8Array): number {
  const { scene, time, surface, points, depth } = context;
  const id = surface[p]!;
  const i = 3 * p;
  const x = points[i]!;
  const y = points[i + 1]!;
  const z = points[i + 2]!;
  // Texture detail fades out where its period drops below a few pixels, so surfaces seen far away
  // or at grazing angles do not alias into noise (which no flow could explain).
  const dx = context.rays[i]!;
  const dy = context.rays[i + 1]!;
  const dz = context.rays[i + 2]!;
  const reach = (depth[p]! * (dx * dx + dy * dy + dz * dz)) / context.focal;
  const footprintX = reach / Math.max(1e-6, Math.abs(dx));
  const footprintY = reach / Math.max(1e-6, Math.abs(dy));
  const footprintZ = reach / Math.max(1e-6, Math.abs(dz));
  const rgb = scratch;
  let label: number;
  if (id === SURFACE.sky) {
    const ray = context.rays;
    const elevation = Math.max(0, Math.min(1, ray[i + 1]! / Math.hypot(ray[i]!, ray[i + 1]!, ray[i + 2]!) * 3));
    const cloud = Math.max(0, valueNoise(x / 2500, y / 900, scene.seed) - 0.55) * 2.2;
    mixInto(rgb, SKY_HORIZON, SKY_ZENITH, elevation);
    mixInto(rgb, rgb, CLOUD, cloud);
    label = CAMVID.sky;
  } else if (id === SURFACE.ground) {
    const road = Math.abs(x) <= scene.roadHalf;
    const base = road ? scene.roadColour : scene.pavementColour;
    // Asphalt and paving stones: octaves of grain from 2.5 m down to 8 cm, each fading out where it
    // would alias, so the ground has texture at every distance (as real asphalt does).
    let shade =
      0.75 +
      0.25 * valueNoise(x * 0.4, z * 0.4, scene.seed + 1) +
      0.3 * fade(0.8, footprintY) * (valueNoise(x * 1.25, z * 1.25, scene.seed + 5) - 0.5) +
      0.35 * fade(0.25, footprintY) * (valueNoise(x * 4, z * 4, scene.seed + 2) - 0.5) +
      0.25 * fade(0.08, footprintY) * (valueNoise(x * 12, z * 12, scene.seed + 4) - 0.5);
    if (road && isMarking(scene, x, z)) shade += (2.4 - shade) * fade(0.3, footprintY);
    if (!road) shade *= 1 - 0.3 * fade(0.2, footprintY) * Math.max(tileLine(x / 0.6), tileLine(z / 0.6));
    scaleInto(rgb, base, shade);
    label = road ? CAMVID.road : CAMVID.pavement;
  } else if (id === SURFACE.leftFacade || id === SURFACE.rightFacade) {
    const block = blockAt(id === SURFACE.leftFacade ? scene.left : scene.right, z);
    facadeColour(rgb, block, z, y, footprintX, id === SURFACE.leftFacade ? 0.85 : 1);
    label = CAMVID.building;
  } else if (id === SURFACE.farWall) {
    facadeColour(rgb, blockAt(scene.far, x), x, y, footprintZ, 0.92);
    label = CAMVID.building;
  } else if (id < SURFACE.firstStrip + scene.strips.length) {
    const strip = scene.strips[id - SURFACE.firstStrip]!;
    if (strip.kind === 'fence') {
      const slat = 1 - 0.3 * fade(1 / 3, footprintX) * tileLine(z * 3);
      scaleInto(rgb, FENCE, slat * (0.9 + 0.2 * valueNoise(z * 2, y * 2, strip.seed)));
      label = CAMVID.fence;
    } else {
      scaleInto(rgb, HEDGE, 1 + 0.8 * fade(0.25, footprintX) * (valueNoise(z * 4, y * 4, strip.seed) - 0.5));
      label = CAMVID.tree;
    }
  } else {
    const sprite = scene.sprites[id - SURFACE.firstStrip - scene.strips.length]!;
    const u = x - (sprite.x0 + sprite.vx * time);
    const part = spritePart(sprite, u, y);
    partColour(rgb, sprite.colour, part, u, y, sprite.seed, footprintZ);
    label = partLabel(sprite.kind, part);
  }
  const gain = context.gain;
  const noise = scene.sensorNoise > 0 ? sensorNoise(p, time, scene) : 0;
  image[i] = clampByte(rgb[0]! * gain + noise);
  image[i + 1] = clampByte(rgb[1]! * gain + noise);
  image[i + 2] = clampByte(rgb[2]! * gain + noise);
  return label;
}

function isMarking(scene: StreetScene, x: number, z: number): boolean {
  const centre = Math.abs(x) < 0.07 && fract(z / 6) < 0.5;
  const edge = Math.abs(Math.abs(x) - (scene.roadHalf - 0.25)) < 0.07;
  return centre || edge;
}

function facadeColour(out: Float64Array, block: FacadeBlock, along: number, up: number, footprint: number, light: number): void {
  const floor = fract((up - 0.8) / 3);
  const column = fract((along - block.start) / block.windowSpacing);
  const window = up > 0.8 && up < block.height - 0.8 && floor < 0.45 && column > 0.25 && column < 0.7;
  const grain = light * (0.9 + 0.2 * valueNoise(along * 1.5, up * 1.5, block.seed) + 0.1 * fade(1 / 6, footprint) * (valueNoise(along * 6, up * 6, block.seed + 1) - 0.5));
  scaleInto(out, block.colour, grain);
  if (!window) return;
  // Far away, windows blend into the wall instead of flickering between pixels.
  const lit = hashUnit(Math.floor((along - block.start) / block.windowSpacing), Math.floor((up - 0.8) / 3), 0, block.seed) < 0.2;
  mixInto(out, out, scaled(lit ? LIT_WINDOW : DARK_WINDOW, grain), fade(0.6, footprint));
}

function partColour(out: Float64Array, colour: Rgb, part: number, u: number, v: number, seed: number, footprint: number): void {
  if (part === PART.leaves) return scaleInto(out, colour, 1 + 0.9 * fade(1 / 3, footprint) * (valueNoise(u * 3, v * 3, seed) - 0.5));
  if (part === PART.light || part === PART.frame) return scaleInto(out, PART_COLOURS[part]!, 1);
  const grain = 1 + 0.2 * fade(1 / 6, footprint) * (valueNoise(u * 6, v * 6, seed) - 0.5);
  scaleInto(out, PART_COLOURS[part] ?? colour, part === PART.trousers ? 0.45 * grain : grain);
}

/** Global exposure of frame `time`: a slow drift plus a little flicker (the scene's lighting noise). */
export function frameExposure(scene: StreetScene, time: number): number {
  if (scene.lighting === 0) return 1;
  const drift = Math.sin((2 * Math.PI * time) / 53 + (scene.seed % 7));
  const flicker = hashUnit(Math.round(time), 0, 0, scene.seed + 3) - 0.5;
  return 1 + scene.lighting * (0.8 * drift + 0.4 * flicker);
}

/** Zero-mean sensor noise of standard deviation scene.sensorNoise, the same in the three channels. */
function sensorNoise(p: number, time: number, scene: StreetScene): number {
  const t = Math.round(time);
  const sum = hashUnit(p, t, 1, scene.seed) + hashUnit(p, t, 2, scene.seed) - 1;
  return sum * scene.sensorNoise * Math.sqrt(6);
}

const fract = (v: number) => v - Math.floor(v);
/** 0 where a pattern of `period` metres spans at most 2 pixels of `footprint` metres, 1 from 4 pixels on. */
const fade = (period: number, footprint: number) => Math.max(0, Math.min(1, period / footprint / 2 - 1));
/** A smooth periodic line profile (1 on the line, 0 between lines), period 1. */
const tileLine = (s: number) => {
  const c = 0.5 + 0.5 * Math.cos(2 * Math.PI * s);
  const c2 = c * c;
  const c4 = c2 * c2;
  return c4 * c4;
};
const scaled = (c: Rgb, k: number): Rgb => [c[0] * k, c[1] * k, c[2] * k];
const clampByte = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));

function scaleInto(out: Float64Array, c: Rgb, k: number): void {
  out[0] = c[0] * k;
  out[1] = c[1] * k;
  out[2] = c[2] * k;
}

function mixInto(out: Float64Array, a: Rgb | Float64Array, b: Rgb, k: number): void {
  out[0] = a[0]! + (b[0] - a[0]!) * k;
  out[1] = a[1]! + (b[1] - a[1]!) * k;
  out[2] = a[2]! + (b[2] - a[2]!) * k;
}
