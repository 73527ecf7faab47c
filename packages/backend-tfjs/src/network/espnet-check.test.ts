import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { pretrainedEspnet } from '@vidseg/models';
import { requireShared } from '@vidseg/test-support';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPngFrame } from '../../test/read-png.js';
import { preprocessFrames } from '../train/preprocess.js';
import { TfjsNetwork } from './tfjs-network.js';

const models = requireShared('models');
const camvid = requireShared('data', 'camvid');

interface CheckImage {
  readonly image: string;
  readonly argmax_pixel_counts_list: number[];
  readonly logits_at_pixels: Record<string, number[]>;
}

describe.skipIf(!models.path || !camvid.path)(`ESPNet-CamVid with the shared weights against espnet-camvid-check.json ${models.skipReason || camvid.skipReason}`, { timeout: 600_000 }, () => {
  let network: TfjsNetwork;
  let images: CheckImage[];

  beforeAll(async () => {
    await tf.setBackend('wasm');
    const { model, weights } = pretrainedEspnet(new Uint8Array(await readFile(join(models.path!, 'espnet-camvid.safetensors'))));
    network = new TfjsNetwork(model, weights, { seed: 0, trainable: false });
    images = (JSON.parse(await readFile(join(models.path!, 'espnet-camvid-check.json'), 'utf8')) as { images: CheckImage[] }).images;
  });

  it.each([0, 1])('reproduces the reference logits at 4 pixels and the argmax counts of test image %i', async (index) => {
    const check = images[index]!;
    const frame = await readPngFrame(join(camvid.path!, check.image.replace(/^data\/camvid\//, '')));
    const input = preprocessFrames([frame], network.model.preprocessing);
    const { logits } = network.forward(input, 'eval');
    const [, height, width, classes] = logits.shape;
    expect([height, width, classes]).toEqual([360, 480, 12]);
    const values = (await logits.data()) as Float32Array;
    for (const [key, expected] of Object.entries(check.logits_at_pixels)) {
      const [, y, x] = /^y(\d+)_x(\d+)$/.exec(key)!.map(Number);
      const at = ((y! * width + x!) * classes);
      const actual = Array.from(values.subarray(at, at + classes));
      // The reference rounds to 4 decimals.
      actual.forEach((v, c) => expect(Math.abs(v - expected[c]!), `${key} class ${c}`).toBeLessThan(2e-4));
    }
    const counts = new Array<number>(classes).fill(0);
    const argmax = tf.argMax(logits, 3);
    const labels = (await argmax.data()) as Int32Array;
    for (const label of labels) counts[label]!++;
    const differing = counts.reduce((sum, count, c) => sum + Math.abs(count - check.argmax_pixel_counts_list[c]!), 0);
    expect(differing, `counts ${counts.join(',')}`).toBeLessThanOrEqual(4);
    tf.dispose([input, logits, argmax]);
  });
});
