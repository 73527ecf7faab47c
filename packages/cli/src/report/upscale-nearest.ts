import type { ImageFrame } from '@vidseg/core';

/** `image` enlarged `factor` times by repeating pixels (crisp edges, for small frames in reports). */
export function upscaleNearest(image: ImageFrame, factor: number): ImageFrame {
  const { width, height, channels, data } = image;
  const out = new Uint8Array(width * factor * height * factor * channels);
  const outWidth = width * factor;
  for (let y = 0; y < height * factor; y++) {
    const sy = Math.floor(y / factor);
    for (let x = 0; x < outWidth; x++) {
      const from = (sy * width + Math.floor(x / factor)) * channels;
      const to = (y * outWidth + x) * channels;
      for (let c = 0; c < channels; c++) out[to + c] = data[from + c]!;
    }
  }
  return { width: outWidth, height: height * factor, channels, data: out };
}
