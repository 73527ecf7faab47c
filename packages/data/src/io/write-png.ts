import type { ImageFrame, LabelMap } from '@vidseg/core';
import { writeFileAtomic } from '@vidseg/core/node';
import sharp from 'sharp';

/** Encodes an RGB(A) image, or a label map as 8-bit grey class ids, as PNG bytes. */
export async function encodePng(raster: ImageFrame | LabelMap): Promise<Uint8Array> {
  const channels = 'channels' in raster ? raster.channels : 1;
  const buffer = await sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels } }).png().toBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

/** Writes an RGB(A) image or a label map (grey class ids) as a PNG file, atomically. */
export async function writePng(path: string, raster: ImageFrame | LabelMap): Promise<void> {
  await writeFileAtomic(path, await encodePng(raster));
}
