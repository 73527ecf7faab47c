import sharp from 'sharp';
import type { ImageFrame, LabelMap } from '@vidseg/core';

/** An 8-bit RGB image file as an {@link ImageFrame} (alpha dropped). */
export async function readImageFrame(path: string): Promise<ImageFrame> {
  const { data, info } = await sharp(path).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** A single-channel label PNG (class id per pixel) as a {@link LabelMap}. */
export async function readLabelMap(path: string): Promise<LabelMap> {
  const { data, info } = await sharp(path).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}
