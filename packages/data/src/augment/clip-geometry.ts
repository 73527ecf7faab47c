import type { RandomSource } from '@vidseg/core';
import type { AffineMap } from './affine-map.js';

/** Ranges of the random geometric augmentation shared by every frame of a clip. */
export interface GeometrySettings {
  /** Output size [height, width]; the source size when undefined (no crop). */
  readonly outputSize?: readonly [number, number];
  /** Range of the scale factor (output pixels per source pixel). */
  readonly scale: readonly [number, number];
  /** Largest rotation, degrees (drawn uniformly in [-max, max]). */
  readonly maxRotation: number;
  /** Probability of a horizontal flip. */
  readonly flipProbability: number;
}

const uniform = (random: RandomSource, low: number, high: number) => low + (high - low) * random.next();

/**
 * Draws the map from output to source coordinates: scale s, rotation r, optional horizontal flip,
 * and a crop centred uniformly where the scaled source covers it (centred when the source is smaller).
 * x = c_src + R(r) diag(flip / s, 1 / s) (o - c_out).
 */
export function drawClipGeometry(random: RandomSource, sourceWidth: number, sourceHeight: number, settings: GeometrySettings): AffineMap & { outputWidth: number; outputHeight: number } {
  const [outputHeight, outputWidth] = settings.outputSize ?? [sourceHeight, sourceWidth];
  const s = uniform(random, settings.scale[0], settings.scale[1]);
  const angle = (uniform(random, -1, 1) * settings.maxRotation * Math.PI) / 180;
  const flip = random.next() < settings.flipProbability ? -1 : 1;
  const halfW = (outputWidth - 1) / 2 / s;
  const halfH = (outputHeight - 1) / 2 / s;
  const centre = (size: number, half: number) => {
    const low = half;
    const high = size - 1 - half;
    return low <= high ? uniform(random, low, high) : (size - 1) / 2;
  };
  const cx = centre(sourceWidth, halfW);
  const cy = centre(sourceHeight, halfH);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const a = (cos * flip) / s;
  const b = -sin / s;
  const c = (sin * flip) / s;
  const d = cos / s;
  const ox = (outputWidth - 1) / 2;
  const oy = (outputHeight - 1) / 2;
  return { a, b, c, d, tx: cx - a * ox - b * oy, ty: cy - c * ox - d * oy, outputWidth, outputHeight };
}
