/** Pixels whose class is the same in two label maps of equal size (the label-free consistency of a frame pair). */
export function unchangedPixels(previous: Uint8Array, next: Uint8Array): number {
  let same = 0;
  for (let p = 0; p < next.length; p++) if (previous[p] === next[p]) same++;
  return same;
}

/** Label-free stability summed over consecutive frame pairs. */
export interface LabelStability {
  readonly unchangedPixels: number;
  readonly comparedPixels: number;
  readonly pairs: number;
}
