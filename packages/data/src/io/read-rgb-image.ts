import { DataError, type ImageFrame } from '@vidseg/core';
import sharp from 'sharp';
import { decodeFailure } from './decode-failure.js';

/**
 * Reads an image file (PNG, JPEG, WebP, ...) as 8-bit RGB: alpha is dropped, grey becomes RGB,
 * and `onConverted` (when given) hears what the file was, e.g. `grey` or `RGBA`.
 * An unreadable, truncated or missing file is a {@link DataError} naming it.
 */
export async function readRgbImage(path: string, onConverted?: (from: string) => void): Promise<ImageFrame> {
  try {
    const file = sharp(path);
    if (onConverted) {
      const { channels, space } = await file.metadata();
      if (channels !== 3 || space !== 'srgb') onConverted(`${channels === 1 || channels === 2 ? 'grey' : space ?? 'unknown colour space'}${channels === 2 || channels === 4 ? ' with alpha' : ''}`);
    }
    const { data, info } = await file.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new DataError(`image ${path}: decoded to ${info.channels} channels; expected RGB`);
    return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (error) {
    throw decodeFailure(path, 'an image (PNG, JPEG or WebP)', error);
  }
}
