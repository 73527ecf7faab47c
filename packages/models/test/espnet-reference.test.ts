import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireShared } from '@vidseg/test-support';
import { describe, expect, it } from 'vitest';
import { ESPNET_CHECK_LAYERS } from '../src/zoo/espnet/espnet-check-layers.js';
import { loadPretrainedEspnet } from '../src/node.js';
import { preprocessImage } from './preprocess-image.js';
import { runReferenceGraph, type Nchw } from '../src/testing.js';

interface CheckImage {
  image: string;
  /** SHA-256 of the image file the reference was computed on, when the check file gives it. */
  image_sha256?: string;
  argmax_pixel_counts_list: number[];
  input_tensor_stats: { mean: number };
  logits_at_pixels: Record<string, number[]>;
  intermediate_stats?: Record<string, { shape: number[]; mean: number }>;
}

const models = requireShared('models');
const camvid = requireShared('data', 'camvid');
/** The reference images of a check file (none when the shared folder is absent: the suite is skipped). */
function checkImages(variant: string): CheckImage[] {
  if (!models.path) return [];
  return (JSON.parse(readFileSync(join(models.path, `espnet-${variant}-check.json`), 'utf8')) as { images: CheckImage[] }).images;
}

const mean = (a: Nchw) => Array.from(a.data).reduce((s, v) => s + v, 0) / a.data.length;

function argmaxCounts(logits: Nchw): number[] {
  const [, classes, h, w] = logits.shape;
  const counts = new Array<number>(classes).fill(0);
  const plane = h * w;
  for (let i = 0; i < plane; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (logits.data[c * plane + i]! > logits.data[best * plane + i]!) best = c;
    counts[best]!++;
  }
  return counts;
}

// The ESPNet description, run by a plain float64 interpreter of the graph, against the reference
// outputs of an independent NumPy implementation that matched the original PyTorch model.
describe.skipIf(!models.path || !camvid.path)(`ESPNet reference outputs ${models.skipReason || camvid.skipReason}`, { timeout: 600_000 }, () => {
  it('the check files list reference images', () => {
    expect(checkImages('camvid').length).toBeGreaterThan(0);
    expect(checkImages('cityscapes').length).toBeGreaterThan(0);
  });

  for (const variant of ['camvid', 'cityscapes'] as const) {
    for (const reference of checkImages(variant)) {
      it(`${variant} weights reproduce espnet-${variant}-check.json on ${reference.image}`, async () => {
        const { model, weights } = await loadPretrainedEspnet(join(models.path!, `espnet-${variant}.safetensors`));
        const file = join(camvid.path!, reference.image.replace(/^data\/camvid\//, ''));
        if (reference.image_sha256) expect(createHash('sha256').update(readFileSync(file)).digest('hex'), `${file} is not the image of the check file`).toBe(reference.image_sha256);
        const image = await preprocessImage(file, model.preprocessing);
        expect(mean(image)).toBeCloseTo(reference.input_tensor_stats.mean, 5);

        const values = runReferenceGraph(model.graph, weights, { image }, { keep: Object.values(ESPNET_CHECK_LAYERS) });
        for (const [key, stats] of Object.entries(reference.intermediate_stats ?? {})) {
          const value = values.get(ESPNET_CHECK_LAYERS[key]!)!;
          expect(value.shape.slice(1), key).toEqual(stats.shape);
          // Means are given to about 4 significant digits.
          expect(Math.abs(mean(value) - stats.mean), key).toBeLessThan(Math.abs(stats.mean) * 1e-3 + 2e-6);
        }
        const logits = values.get('logits')!;
        for (const [pixel, expected] of Object.entries(reference.logits_at_pixels)) {
          const [, y, x] = /^y(\d+)_x(\d+)$/.exec(pixel)!.map(Number);
          const found = expected.map((_, c) => logits.data[(c * logits.shape[2] + y!) * logits.shape[3] + x!]!);
          found.forEach((v, c) => expect(Math.abs(v - expected[c]!), `${pixel} class ${c}`).toBeLessThan(2e-4));
        }
        const counts = argmaxCounts(logits);
        counts.forEach((n, c) => expect(Math.abs(n - reference.argmax_pixel_counts_list[c]!), `class ${c} pixels`).toBeLessThanOrEqual(2));
      });
    }
  }
});
