import type { ImageFrame } from '@vidseg/core';

/** RGB frames of equal height placed left to right with `gap` white pixels between them. */
export function sideBySide(frames: readonly ImageFrame[], gap = 4): ImageFrame {
  const height = frames[0]!.height;
  const width = frames.reduce((sum, f) => sum + f.width, 0) + gap * (frames.length - 1);
  const data = new Uint8Array(width * height * 3).fill(255);
  let left = 0;
  for (const frame of frames) {
    if (frame.height !== height) throw new RangeError(`side by side: frame heights differ (${frame.height} vs ${height})`);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < frame.width; x++) {
        const from = (y * frame.width + x) * frame.channels;
        const to = (y * width + left + x) * 3;
        data[to] = frame.data[from]!;
        data[to + 1] = frame.data[from + 1]!;
        data[to + 2] = frame.data[from + 2]!;
      }
    }
    left += frame.width + gap;
  }
  return { width, height, channels: 3, data };
}
