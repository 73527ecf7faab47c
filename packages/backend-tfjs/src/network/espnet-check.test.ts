import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { readSafetensors } from '@vidseg/core';
import { buildEspnet, detectEspnetArchitecture, loadWeights } from '@vidseg/models';
import { requireShared } from '@vidseg/test-support';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPngFrame } from '../../test/read-png.js';
import { preprocessFrames } from '../train/preprocess.js';
import { TfjsNetwork } from './tfjs-network.js';

const models = requireShared('models');
const camvid = requireShared('data', 'camvid');

interface CheckImage {
  readonly image: string;
  readonly output_shape_NCHW?: readonly number[];
  readonly argmax_pixel_counts_list: number[];
  readonly logits_at_pixels: Record<string, number[]>;
}

/** Every weights file of ../shared/models that has a check file beside it. */
const weightFiles = models.path ? readdirSync(models.path).filter((f) => f.endsWith('-check.json')).map((f) => f.replace(/-check\.json$/, '')) : [];

/**
 * The network of a weights file, loaded exactly (every tensor by name). ESPNet-C's logits are at
 * 1/8: built with the asymmetric upsampling, the logits at (8y, 8x) are the 1/8 logits themselves.
 */
async function loadNetwork(name: string): Promise<TfjsNetwork> {
  const source = join(models.path!, `${name}.safetensors`);
  const { tensors, metadata } = readSafetensors(new Uint8Array(await readFile(source)), source);
  const model = buildEspnet({ ...detectEspnetArchitecture(tensors, metadata, source), resizeMode: 'asymmetric' });
  return new TfjsNetwork(model, loadWeights(model.graph, tensors, { source }).tensors, { seed: 0, trainable: false });
}

describe.skipIf(!models.path || !camvid.path)(`every ESPNet file of ../shared/models against its check JSON ${models.skipReason || camvid.skipReason}`, { timeout: 600_000 }, () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });

  it('finds the seven weight files', () => {
    expect(weightFiles.sort()).toEqual([
      'espnet-c-p2q3-cityscapes',
      'espnet-c-p2q5-cityscapes',
      'espnet-c-p2q8-cityscapes',
      'espnet-camvid',
      'espnet-cityscapes',
      'espnet-p2q3-cityscapes',
      'espnet-p2q5-cityscapes',
    ]);
  });

  it.each(weightFiles)(
    '%s reproduces the reference logits at 4 pixels and the argmax counts of both test images',
    async (name) => {
      const network = await loadNetwork(name);
      const { images } = JSON.parse(await readFile(join(models.path!, `${name}-check.json`), 'utf8')) as { images: CheckImage[] };
      for (const check of images) {
        const frame = await readPngFrame(join(camvid.path!, check.image.replace(/^data\/camvid\//, '')));
        const input = preprocessFrames([frame], network.model.preprocessing);
        const { logits } = network.forward(input, 'eval');
        const [, height, width, classes] = logits.shape;
        // The reference's output grid: the input size, or 1/8 of it for ESPNet-C.
        const [, , outHeight, outWidth] = check.output_shape_NCHW ?? [1, classes, height, width];
        const stride = height! / outHeight!;
        const reference = tf.stridedSlice(logits, [0, 0, 0, 0], [1, height!, width!, classes!], [1, stride, stride, 1]);
        expect(reference.shape).toEqual([1, outHeight, outWidth, classes]);
        const values = (await reference.data()) as Float32Array;
        for (const [key, expected] of Object.entries(check.logits_at_pixels)) {
          const [, y, x] = /^y(\d+)_x(\d+)$/.exec(key)!.map(Number);
          const at = (y! * outWidth! + x!) * classes!;
          // The reference rounds to 4 decimals.
          Array.from(values.subarray(at, at + classes!)).forEach((v, c) => expect(Math.abs(v - expected[c]!), `${name} ${key} class ${c}`).toBeLessThan(2e-4));
        }
        const counts = new Array<number>(classes!).fill(0);
        const argmax = tf.argMax(reference, 3);
        for (const label of (await argmax.data()) as Int32Array) counts[label]!++;
        const differing = counts.reduce((sum, count, c) => sum + Math.abs(count - check.argmax_pixel_counts_list[c]!), 0);
        expect(differing, `${name} ${check.image} counts ${counts.join(',')}`).toBeLessThanOrEqual(4);
        tf.dispose([input, logits, reference, argmax]);
      }
      network.dispose();
    },
    600_000,
  );
});
