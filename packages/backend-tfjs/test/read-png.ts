import sharp from 'sharp';
import type { ImageFrame } from '@vidseg/core';

/** Decodes a PNG into an 8-bit RGB frame. */
export async function readPngFrame(path: string): Promise<ImageFrame> {
  const { data, info } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}
