/**
 * Whether every pixel that bilinear sampling at (x, y) gives a non-zero weight is set in `mask`
 * (one byte per pixel, row-major); false when (x, y) lies outside [0, width-1] x [0, height-1].
 */
export function bilinearSupportSet(mask: Uint8Array, width: number, height: number, x: number, y: number): boolean {
  if (!(x >= 0 && y >= 0 && x <= width - 1 && y <= height - 1)) return false;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = x === x0 ? x0 : x0 + 1;
  const y1 = y === y0 ? y0 : y0 + 1;
  return !!(mask[y0 * width + x0] && mask[y0 * width + x1] && mask[y1 * width + x0] && mask[y1 * width + x1]);
}
