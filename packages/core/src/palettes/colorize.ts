import { UsageError } from '../errors/vidseg-error.js';
import type { ImageFrame, LabelMap } from '../types/image-frame.js';
import { assertSameSize } from '../types/image-frame.js';
import { colorOf, type Palette } from './palette.js';

function lookupTable(palette: Palette): Uint8Array {
  const table = new Uint8Array(256 * 3);
  for (let label = 0; label < 256; label++) table.set(colorOf(palette, label), 3 * label);
  return table;
}

/** The label map drawn in the palette's colours, as an RGB image. */
export function colorizeLabels(labels: LabelMap, palette: Palette): ImageFrame {
  const table = lookupTable(palette);
  const out = new Uint8Array(labels.width * labels.height * 3);
  for (let p = 0; p < labels.data.length; p++) {
    const t = 3 * labels.data[p]!;
    out[3 * p] = table[t]!;
    out[3 * p + 1] = table[t + 1]!;
    out[3 * p + 2] = table[t + 2]!;
  }
  return { width: labels.width, height: labels.height, channels: 3, data: out };
}

/**
 * The image with the coloured label map blended over it: out = (1 - alpha) * image + alpha * colour.
 * Returns RGB whatever the image's channel count.
 */
export function overlayLabels(image: ImageFrame, labels: LabelMap, palette: Palette, alpha = 0.5): ImageFrame {
  assertSameSize(image, labels, 'overlayLabels (image vs labels)');
  if (!(alpha >= 0 && alpha <= 1)) throw new UsageError(`overlayLabels: alpha must be in [0, 1], got ${alpha}`);
  const table = lookupTable(palette);
  const out = new Uint8Array(labels.width * labels.height * 3);
  const c = image.channels;
  for (let p = 0; p < labels.data.length; p++) {
    const t = 3 * labels.data[p]!;
    for (let k = 0; k < 3; k++) {
      out[3 * p + k] = Math.round((1 - alpha) * image.data[c * p + k]! + alpha * table[t + k]!);
    }
  }
  return { width: labels.width, height: labels.height, channels: 3, data: out };
}
