import type { Preprocessing } from '@vidseg/core';
import sharp from 'sharp';
import type { Nchw } from '../src/testing.js';

/** An 8-bit image file as the network input a handle's preprocessing describes (test helper). */
export async function preprocessImage(path: string, preprocessing: Preprocessing): Promise<Nchw> {
  const { data, info } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width: w, height: h, channels } = info;
  const input = new Float64Array(3 * h * w);
  for (let c = 0; c < 3; c++) {
    const source = preprocessing.channelOrder === 'RGB' ? c : 2 - c;
    const mean = preprocessing.mean[c]!;
    const std = preprocessing.std[c]!;
    for (let i = 0; i < h * w; i++) input[c * h * w + i] = ((data[i * channels + source]! - mean) / std) * preprocessing.scale;
  }
  return { shape: [1, 3, h, w], data: input };
}
