import { UsageError, type ImageFrame } from '@vidseg/core';
import { writeFileAtomic } from '@vidseg/core/node';
import sharp from 'sharp';

/** Options of {@link writeAnimatedPreview}. */
export interface AnimatedPreviewOptions {
  /** Frames per second (default 10). */
  readonly fps?: number;
  /** Times to play; 0 loops forever (default). */
  readonly loop?: number;
  /** WebP quality 1..100 (default 80; GIF is always palette-quantised). */
  readonly quality?: number;
}

/**
 * Writes `frames` (equal size, RGB or RGBA) as an animated WebP or GIF, chosen by the file
 * extension (.webp or .gif), atomically.
 */
export async function writeAnimatedPreview(path: string, frames: readonly ImageFrame[], options: AnimatedPreviewOptions = {}): Promise<void> {
  const format = path.toLowerCase().endsWith('.gif') ? 'gif' : path.toLowerCase().endsWith('.webp') ? 'webp' : undefined;
  if (!format) throw new UsageError(`animated preview ${path}: unknown format; expected a file name ending in .webp or .gif`);
  if (frames.length === 0) throw new UsageError(`animated preview ${path}: no frames to write`);
  const { width, height, channels } = frames[0]!;
  const tall = new Uint8Array(width * height * channels * frames.length);
  frames.forEach((frame, i) => {
    if (frame.width !== width || frame.height !== height || frame.channels !== channels) {
      throw new UsageError(`animated preview ${path}: frame ${i} is ${frame.width}x${frame.height}x${frame.channels}; expected ${width}x${height}x${channels} like frame 0`);
    }
    tall.set(frame.data, i * frame.data.length);
  });
  const delay = Array.from({ length: frames.length }, () => Math.round(1000 / (options.fps ?? 10)));
  const loop = options.loop ?? 0;
  const image = sharp(tall, { raw: { width, height: height * frames.length, channels, pageHeight: height } });
  const encoded = format === 'gif' ? await image.gif({ loop, delay }).toBuffer() : await image.webp({ loop, delay, quality: options.quality ?? 80 }).toBuffer();
  await writeFileAtomic(path, new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.length));
}
