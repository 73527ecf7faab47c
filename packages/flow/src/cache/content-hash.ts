import type { ImageFrame } from '@vidseg/core';
import { createHash } from 'node:crypto';

/** SHA-256 (hex) of an image's size, channel count and pixels: equal frames hash equal wherever they come from. */
export function imageContentHash(image: ImageFrame): string {
  const hash = createHash('sha256');
  hash.update(`${image.width}x${image.height}x${image.channels}:`);
  hash.update(image.data);
  return hash.digest('hex');
}
