import { DataError, type ImageFrame } from '@vidseg/core';
import sharp from 'sharp';
import { decodeFailure } from './decode-failure.js';

/**
 * Reads an image file (PNG, JPEG, WebP, ...) as 8-bit RGB: alpha is dropped, grey becomes RGB.
 * An unreadable, truncated or missing file is a {@link DataError} naming it.
 */
export async function readRgbImage(path: string): Promise<ImageFrame> {
  try {
    const { data, info } = await sharp(path).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new DataError(`image ${path}: decoded to ${info.channels} channels; expected RGB`);
    return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (error) {
    throw decodeFailure(path, 'an image (PNG, JPEG or WebP)', error);
  }
}
