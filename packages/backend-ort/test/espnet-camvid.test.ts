import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfusionMatrix } from '@vidseg/core';
import { loadPretrainedEspnet } from '@vidseg/models/node';
import { requireShared } from '@vidseg/test-support';
import { exportOnnx } from '../src/export/export-onnx.js';
import { createSegmenter, type Segmenter } from '../src/segmenter/segmenter.js';
import { OrtWebRuntime } from '../src/runtime/ort-web-runtime.js';
import { readImageFrame, readLabelMap } from './read-png.js';

const models = requireShared('models');
const camvid = requireShared('data', 'camvid');

interface CheckImage {
  readonly image: string;
  /** SHA-256 of the image file the reference was computed on, when the check file gives it. */
  readonly image_sha256?: string;
  readonly argmax_pixel_counts_list: number[];
  readonly logits_at_pixels: Record<string, number[]>;
}

/** The reference images of the check file (none when the shared folder is absent: the suite is skipped). */
const checks: readonly CheckImage[] = models.path
  ? (JSON.parse(readFileSync(join(models.path, 'espnet-camvid-check.json'), 'utf8')) as { images: CheckImage[] }).images
  : [];

describe.skipIf(!models.path || !camvid.path)(`ESPNet-CamVid exported to ONNX with the shared weights ${models.skipReason || camvid.skipReason}`, { timeout: 600_000 }, () => {
  let bytes: Uint8Array;

  beforeAll(async () => {
    const { model, weights } = await loadPretrainedEspnet(join(models.path!, 'espnet-camvid.safetensors'));
    bytes = exportOnnx(model, weights, { image: 'rgb', outputs: ['labels', 'logits'] });
  });

  it('the check file lists reference images', () => {
    expect(checks.length).toBeGreaterThan(0);
  });

  it.each(checks.map((check) => [check.image, check] as const))('matches espnet-camvid-check.json on %s (logits at 4 pixels, argmax counts), on onnxruntime-web', async (_, check) => {
    const file = join(camvid.path!, check.image.replace(/^data\/camvid\//, ''));
    if (check.image_sha256) expect(createHash('sha256').update(readFileSync(file)).digest('hex'), `${file} is not the image of the check file`).toBe(check.image_sha256);
    const frame = await readImageFrame(file);
    const session = await new OrtWebRuntime().createSession(bytes);
    const outputs = await session.run({ image: { type: 'uint8', dims: [1, 360, 480, 3], data: frame.data as Uint8Array } });
    await session.release();
    const logits = outputs.logits!.data as Float32Array;
    const plane = 360 * 480;
    for (const [key, expected] of Object.entries(check.logits_at_pixels)) {
      const [, y, x] = /^y(\d+)_x(\d+)$/.exec(key)!.map(Number);
      // The reference rounds to 4 decimals.
      expected.forEach((value, c) => expect(Math.abs(logits[c * plane + y! * 480 + x!]! - value), `${key} class ${c}`).toBeLessThan(2e-4));
    }
    const counts = new Array<number>(12).fill(0);
    for (const label of outputs.labels!.data as Uint8Array) counts[label]!++;
    const differing = counts.reduce((sum, count, c) => sum + Math.abs(count - check.argmax_pixel_counts_list[c]!), 0);
    expect(differing, `counts ${counts.join(',')}`).toBeLessThanOrEqual(4);
  });

  it('gives 57.2 +/- 0.3 % mIoU on the 233 CamVid test images (11 classes, void ignored)', async () => {
    const list = (await readFile(join(camvid.path!, 'test.txt'), 'utf8')).trim().split('\n');
    expect(list).toHaveLength(233);
    const segmenter: Segmenter = await createSegmenter({ model: bytes });
    const confusion = new ConfusionMatrix(11, 11);
    let timestamp = 0;
    for (const line of list) {
      const [image, annotation] = line.split(' ') as [string, string];
      const [frame, truth] = await Promise.all([readImageFrame(join(camvid.path!, image)), readLabelMap(join(camvid.path!, annotation))]);
      confusion.update(truth, (await segmenter.segment(frame, (timestamp += 1000))).labels);
    }
    await segmenter.close();
    const miou = confusion.meanIoU();
    expect(miou, `mIoU ${(100 * miou).toFixed(2)} % on ${segmenter.runtime}, pixel accuracy ${(100 * confusion.pixelAccuracy()).toFixed(2)} %`).toBeGreaterThanOrEqual(0.569);
    expect(miou).toBeLessThanOrEqual(0.575);
    console.log(`ESPNet-CamVid test mIoU through ${segmenter.runtime}: ${(100 * miou).toFixed(2)} %, pixel accuracy ${(100 * confusion.pixelAccuracy()).toFixed(2)} %`);
  });
});
