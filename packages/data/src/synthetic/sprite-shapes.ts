import { CAMVID } from './camvid-classes.js';
import type { Sprite, SpriteKind } from './street-scene.js';

/** Parts of sprites; each has a class label and its own colouring. */
export const PART = {
  none: -1,
  body: 0,
  window: 1,
  wheel: 2,
  light: 3,
  skin: 4,
  shirt: 5,
  trousers: 6,
  frame: 7,
  trunk: 8,
  leaves: 9,
  pole: 10,
  sign: 11,
} as const;

const PART_LABELS: Readonly<Record<SpriteKind, number>> = {
  car: CAMVID.car,
  pedestrian: CAMVID.pedestrian,
  cyclist: CAMVID.bicyclist,
  tree: CAMVID.tree,
  pole: CAMVID.pole,
};

/** The class of a sprite part (signs on poles are SignSymbol, everything else the sprite's class). */
export function partLabel(kind: SpriteKind, part: number): number {
  return part === PART.sign ? CAMVID.signSymbol : PART_LABELS[kind];
}

/** Nominal half width and height (metres) of each kind, before the sprite's scale. */
export const SPRITE_SIZE: Readonly<Record<SpriteKind, readonly [number, number]>> = {
  car: [0.95, 1.5],
  pedestrian: [0.3, 1.75],
  cyclist: [0.95, 1.75],
  tree: [1.6, 5.5],
  pole: [0.4, 4.4],
};

const inCircle = (u: number, v: number, cu: number, cv: number, r: number) => (u - cu) ** 2 + (v - cv) ** 2 <= r * r;

/** The part of `sprite` at local (u, v) in metres (u right of centre, v up), or PART.none. */
export function spritePart(sprite: Sprite, u: number, v: number): number {
  const s = sprite.scale;
  const x = u / s;
  const y = v / s;
  switch (sprite.kind) {
    case 'car':
      return carPart(x, y);
    case 'pedestrian':
      return pedestrianPart(x, y);
    case 'cyclist':
      return cyclistPart(sprite.vx < 0 ? -x : x, y);
    case 'tree':
      return treePart(x, y);
    case 'pole':
      return polePart(x, y, sprite.sign);
  }
}

function carPart(u: number, v: number): number {
  const a = Math.abs(u);
  if (v < 0.34) return a >= 0.55 && a <= 0.85 ? PART.wheel : PART.none;
  if (v < 0.95) {
    if (a > 0.92) return PART.none;
    return v > 0.68 && v < 0.82 && a > 0.66 ? PART.light : PART.body;
  }
  const half = 0.9 - (v - 0.95) * 0.5;
  if (v > 1.48 || a > half) return PART.none;
  return v < 1.4 && a < half - 0.1 ? PART.window : PART.body;
}

function pedestrianPart(u: number, v: number): number {
  const a = Math.abs(u);
  if (inCircle(u, v, 0, 1.6, 0.12)) return PART.skin;
  if (v >= 0.85 && v < 1.47 && a <= 0.19) return PART.shirt;
  if (v >= 0.9 && v < 1.44 && a > 0.19 && a <= 0.27) return PART.shirt;
  if (v < 0.86 && a >= 0.03 && a <= 0.16) return PART.trousers;
  return PART.none;
}

function cyclistPart(u: number, v: number): number {
  for (const cu of [-0.55, 0.55]) {
    const d = Math.hypot(u - cu, v - 0.34);
    if (d <= 0.34 && d >= 0.27) return PART.wheel;
  }
  if (v >= 0.58 && v < 0.65 && Math.abs(u) <= 0.55) return PART.frame;
  if (inCircle(u, v, 0.12, 1.6, 0.11)) return PART.skin;
  if (v >= 0.95 && v < 1.48 && u >= -0.2 && u <= 0.18) return PART.shirt;
  if (v >= 0.42 && v < 0.98 && u >= -0.12 && u <= 0.04) return PART.trousers;
  return PART.none;
}

function treePart(u: number, v: number): number {
  if (inCircle(u, v, 0, 3.9, 1.35) || inCircle(u, v, -0.75, 3.2, 0.85) || inCircle(u, v, 0.8, 3.35, 0.8)) return PART.leaves;
  if (v < 3 && Math.abs(u) <= 0.14) return PART.trunk;
  return PART.none;
}

function polePart(u: number, v: number, sign: boolean): number {
  if (sign && v >= 3.0 && v < 3.65 && Math.abs(u) <= 0.34) return PART.sign;
  if (v < 4.3 && Math.abs(u) <= 0.06) return PART.pole;
  return PART.none;
}
