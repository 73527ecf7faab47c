import type { ImageFrame, LabelMap } from './image-frame.js';

/**
 * The image resized to `height` x `width` by bilinear interpolation with half-pixel centres (the
 * convention of ONNX Resize half_pixel and tfjs halfPixelCenters), edges clamped.
 */
export function resizeImageBilinear(image: ImageFrame, height: number, width: number): ImageFrame {
  if (image.height === height && image.width === width) return image;
  const c = image.channels;
  const out = new Uint8Array(height * width * c);
  const sy = image.height / height;
  const sx = image.width / width;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), image.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, image.height - 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), image.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, image.width - 1);
      const wx = fx - x0;
      for (let k = 0; k < c; k++) {
        const top = image.data[(y0 * image.width + x0) * c + k]! * (1 - wx) + image.data[(y0 * image.width + x1) * c + k]! * wx;
        const bottom = image.data[(y1 * image.width + x0) * c + k]! * (1 - wx) + image.data[(y1 * image.width + x1) * c + k]! * wx;
        out[(y * width + x) * c + k] = Math.round(top * (1 - wy) + bottom * wy);
      }
    }
  }
  return { width, height, channels: c, data: out };
}

/** The label map resized to `height` x `width` by nearest neighbour (no class id is invented). */
export function resizeLabelsNearest(labels: LabelMap, height: number, width: number): LabelMap {
  if (labels.height === height && labels.width === width) return labels;
  const out = new Uint8Array(height * width);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(Math.floor(((y + 0.5) * labels.height) / height), labels.height - 1);
    for (let x = 0; x < width; x++) {
      const sx = Math.min(Math.floor(((x + 0.5) * labels.width) / width), labels.width - 1);
      out[y * width + x] = labels.data[sy * labels.width + sx]!;
    }
  }
  return { width, height, data: out };
}
