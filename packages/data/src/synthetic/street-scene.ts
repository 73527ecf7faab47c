import type { Rgb } from '@vidseg/core';
import type { CameraArtefacts } from './camera-artefacts.js';

/** A stretch of building facade (or of the far wall) with its own height and look. */
export interface FacadeBlock {
  /** Start of the block along the wall (z for side walls, x for the far wall), metres. */
  readonly start: number;
  readonly height: number;
  readonly colour: Rgb;
  /** Horizontal spacing of windows, metres. */
  readonly windowSpacing: number;
  /** Texture seed. */
  readonly seed: number;
}

/** A wall of consecutive facade blocks, each running until the next one starts. */
export interface FacadeWall {
  readonly blocks: readonly FacadeBlock[];
}

/** A low vertical strip parallel to the street (x = const): a fence or a hedge. */
export interface SideStrip {
  readonly kind: 'fence' | 'hedge';
  readonly x: number;
  readonly z0: number;
  readonly z1: number;
  readonly height: number;
  readonly seed: number;
}

/** Kinds of upright objects drawn as flat cut-outs facing the camera. */
export type SpriteKind = 'car' | 'pedestrian' | 'cyclist' | 'tree' | 'pole';

/**
 * An upright cut-out facing along z, standing on the ground: at time t its centre-bottom is at
 * (x0 + vx * t, 0, z0 + vz * t). Local coordinates are u (metres right of the centre) and v (metres up).
 */
export interface Sprite {
  readonly kind: SpriteKind;
  readonly x0: number;
  readonly z0: number;
  /** Velocity in metres per frame (0 for static objects). */
  readonly vx: number;
  readonly vz: number;
  /** Size factor of the shape (1 is the nominal size of its kind). */
  readonly scale: number;
  /** Half width and height of the bounding box, metres (after scaling). */
  readonly halfWidth: number;
  readonly height: number;
  /** Main colour (body paint, clothes, foliage, sign face). */
  readonly colour: Rgb;
  /** Whether a pole carries a sign. */
  readonly sign: boolean;
  readonly seed: number;
}

/** The camera's path: smooth functions of the frame time. */
export interface CameraPath {
  /** Forward speed in metres per frame. */
  readonly speed: number;
  readonly height: number;
  readonly lateral: number;
  readonly swayAmplitude: number;
  readonly swayPeriod: number;
  readonly yawAmplitude: number;
  readonly pitchAmplitude: number;
  readonly rollAmplitude: number;
  readonly phases: readonly [number, number, number, number];
  /** Hand-held shake: amplitude of a fresh random yaw and pitch at every frame, radians (0: none). */
  readonly shake: number;
  /** Seed of the shake. */
  readonly shakeSeed: number;
}

/**
 * A procedural street: road and pavements on the ground plane, building facades on both sides and
 * a far wall across the street, fences and hedges, trees, poles with signs, and cars, pedestrians
 * and cyclists that move on their own. Everything is a plane or a flat cut-out, so the image,
 * labels and flow of any frame follow exactly from the geometry.
 */
export interface StreetScene {
  readonly seed: number;
  /** Half width of the road (x in [-roadHalf, roadHalf] is road). */
  readonly roadHalf: number;
  /** x of the left (negative) and right (positive) facades. */
  readonly leftFacadeX: number;
  readonly rightFacadeX: number;
  readonly left: FacadeWall;
  readonly right: FacadeWall;
  /** z of the wall that closes the street, and its blocks along x. */
  readonly farZ: number;
  readonly far: FacadeWall;
  readonly strips: readonly SideStrip[];
  readonly sprites: readonly Sprite[];
  readonly camera: CameraPath;
  /** Colours of road and pavement. */
  readonly roadColour: Rgb;
  readonly pavementColour: Rgb;
  /** Relative amplitude of the global exposure change over time (0: constant lighting). */
  readonly lighting: number;
  /** Standard deviation of the per-pixel sensor noise, in 8-bit levels. */
  readonly sensorNoise: number;
  /** What the camera does to each frame on its own (flicker, compression, motion blur). */
  readonly artefacts: CameraArtefacts;
}

/** Surface ids in the id buffer of a rendered frame; strips and then sprites follow. */
export const SURFACE = { sky: 0, ground: 1, leftFacade: 2, rightFacade: 3, farWall: 4, firstStrip: 5 } as const;

/** The surface id of sprite `index` of `scene`. */
export function spriteSurfaceId(scene: StreetScene, index: number): number {
  return SURFACE.firstStrip + scene.strips.length + index;
}

/** The block of `wall` covering coordinate `s` (the first block when `s` lies before it). */
export function blockAt(wall: FacadeWall, s: number): FacadeBlock {
  const blocks = wall.blocks;
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (blocks[mid]!.start <= s) lo = mid;
    else hi = mid - 1;
  }
  return blocks[lo]!;
}
