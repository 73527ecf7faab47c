import type { ImageFrame } from './image-frame.js';
import { resizeImageBilinear } from './resize-raster.js';

/** For each output index, the source indices it covers and the share of each (summing to 1). */
function areaTaps(source: number, target: number): { index: Int32Array; weight: Float32Array; start: Int32Array } {
  const scale = source / target;
  const start = new Int32Array(target + 1);
  const index: number[] = [];
  const weight: number[] = [];
  for (let o = 0; o < target; o++) {
    start[o] = index.length;
    const from = o * scale;
    const to = Math.min((o + 1) * scale, source);
    for (let s = Math.floor(from); s < to; s++) {
      const covered = Math.min(s + 1, to) - Math.max(s, from);
      if (covered <= 1e-9) continue;
      index.push(s);
      weight.push(covered / scale);
    }
  }
  start[target] = index.length;
  return { index: Int32Array.from(index), weight: Float32Array.from(weight), start };
}

/**
 * The image resized to `height` x `width` by area averaging (each output pixel is the mean of the
 * source area it covers, fractional pixels weighted; OpenCV's INTER_AREA): the filter for shrinking
 * frames to a model's input without aliasing. An exact 2x reduction is the mean of each 2x2 block.
 * When either side grows, area averaging is not defined and bilinear interpolation is used.
 */
export function resizeImageArea(image: ImageFrame, height: number, width: number): ImageFrame {
  if (image.height === height && image.width === width) return image;
  if (height > image.height || width > image.width) return resizeImageBilinear(image, height, width);
  const c = image.channels;
  const columns = areaTaps(image.width, width);
  const rows = areaTaps(image.height, height);
  // Horizontal pass into floats (source rows x target columns), then the vertical pass.
  const across = new Float32Array(image.height * width * c);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < width; x++) {
      for (let t = columns.start[x]!; t < columns.start[x + 1]!; t++) {
        const from = (y * image.width + columns.index[t]!) * c;
        const to = (y * width + x) * c;
        const w = columns.weight[t]!;
        for (let k = 0; k < c; k++) across[to + k]! += image.data[from + k]! * w;
      }
    }
  }
  const out = new Uint8Array(height * width * c);
  const sum = new Float32Array(width * c);
  for (let y = 0; y < height; y++) {
    sum.fill(0);
    for (let t = rows.start[y]!; t < rows.start[y + 1]!; t++) {
      const w = rows.weight[t]!;
      const row = rows.index[t]! * width * c;
      for (let i = 0; i < width * c; i++) sum[i]! += across[row + i]! * w;
    }
    for (let i = 0; i < width * c; i++) out[y * width * c + i] = Math.min(255, Math.max(0, Math.round(sum[i]!)));
  }
  return { width, height, channels: c, data: out };
}
