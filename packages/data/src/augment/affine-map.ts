import type { CoordinateMap } from '@vidseg/flow/internal';

/**
 * An affine map from output pixel coordinates o to source coordinates x = L o + t, with
 * L = [[a, b], [c, d]] (row-major). Augmentations draw one per clip and apply it to every frame.
 */
export interface AffineMap {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly tx: number;
  readonly ty: number;
}

/** The coordinate map of `map` for an output of `width` x `height` pixels. */
export function affineCoordinates(map: AffineMap, width: number, height: number): CoordinateMap {
  const data = new Float32Array(width * height * 2);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i += 2) {
      data[i] = map.a * x + map.b * y + map.tx;
      data[i + 1] = map.c * x + map.d * y + map.ty;
    }
  }
  return { width, height, data };
}

/** The inverse of the linear part L of `map`, as [a, b, c, d] (row-major). */
export function inverseLinear(map: AffineMap): [number, number, number, number] {
  const det = map.a * map.d - map.b * map.c;
  if (det === 0) throw new RangeError('affine map is singular');
  return [map.d / det, -map.b / det, -map.c / det, map.a / det];
}
