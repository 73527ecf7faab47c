import type { FlowField, ImageFrame } from '@vidseg/core';

/** A smooth grey-ish texture sampled at (x - dx, y - dy): the same texture shifted by (dx, dy). */
export function smoothTexture(width: number, height: number, dx = 0, dy = 0): ImageFrame {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x - dx;
      const v = y - dy;
      const g = 128 + 60 * Math.sin(u / 5.3) * Math.cos(v / 4.1) + 40 * Math.sin((u + 2 * v) / 9.7);
      const p = 3 * (y * width + x);
      data[p] = Math.round(g);
      data[p + 1] = Math.round(g * 0.8 + 20);
      data[p + 2] = Math.round(255 - g);
    }
  }
  return { width, height, channels: 3, data };
}

/** A flow field with the same (dx, dy) everywhere. */
export function constantFlow(width: number, height: number, dx: number, dy: number): FlowField {
  const data = new Float32Array(width * height * 2);
  for (let p = 0; p < width * height; p++) {
    data[2 * p] = dx;
    data[2 * p + 1] = dy;
  }
  return { width, height, data };
}
