import { extname } from 'node:path';

/** File extensions of the frames the image decoder (sharp) reads: PNG, JPEG and WebP. */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['.png', '.jpg', '.jpeg', '.webp']);

/** Whether `name` has an extension the image decoder reads (case-insensitive). */
export function isImageFile(name: string): boolean {
  return IMAGE_EXTENSIONS.has(extname(name).toLowerCase());
}
