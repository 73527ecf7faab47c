import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, UsageError, type ImageFrame } from '@vidseg/core';
import { exportOnnx } from '../export/export-onnx.js';
import { onnxSchema } from '../onnx/onnx-schema.js';
import { requireOrtNode } from '../../test/ort-node.js';
import { runReferenceGraph } from '@vidseg/models/testing';
import { TEST_PREPROCESSING, preprocessReference, randomImage, randomWeights, testModel, tinySegNet } from '../../test/test-models.js';
import { createSegmenter } from './segmenter.js';

const graph = tinySegNet(5, true);
const weights = randomWeights(graph, 21);
const model = testModel(graph, { classes: 5, multipleOf: 4, nativeSize: [16, 24] });
const [H, W] = [16, 24];
const full = exportOnnx(model, weights, { image: 'rgb', outputs: ['labels', 'probabilities'] });
const plain = exportOnnx(model, weights, { inputSize: 'dynamic' });
const ortNode = await requireOrtNode();

function frame(seed: number, channels: 3 | 4 = 3, height = H, width = W): ImageFrame {
  return { width, height, channels, data: randomImage(1, height, width, channels, seed) };
}

/** Argmax labels of the reference interpreter on the frame. */
function referenceLabels(image: ImageFrame): Uint8Array {
  const input = preprocessReference(image.data as Uint8Array, 1, image.height, image.width, image.channels, TEST_PREPROCESSING);
  const logits = runReferenceGraph(graph, weights, { image: input }).get(graph.outputs.logits!)!;
  const plane = image.height * image.width;
  return Uint8Array.from({ length: plane }, (_, p) => {
    const column = Array.from({ length: 5 }, (_, k) => logits.data[k * plane + p]!);
    return column.indexOf(Math.max(...column));
  });
}

function agreement(a: Uint8Array, b: Uint8Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

async function rejection(action: () => Promise<unknown>): Promise<Error> {
  try {
    await action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('createSegmenter / segment', () => {
  it('segments a stream of frames as the reference does, reusing its buffers', async () => {
    const segmenter = await createSegmenter({ model: full, runtime: 'ort-web', probabilities: true });
    expect(segmenter.runtime).toBe('ort-web');
    expect(segmenter.classes).toEqual(model.classes);
    expect(segmenter.inputSize).toEqual([H, W]);
    const first = await segmenter.segment(frame(1), 0);
    const labelBuffer = first.labels.data;
    const probabilityBuffer = first.probabilities;
    for (const [i, timestamp] of [33, 66.5, 100].entries()) {
      const image = frame(i + 2);
      const result = await segmenter.segment(image, timestamp);
      expect(result.timestampMs).toBe(timestamp);
      expect(result.labels.data).toBe(labelBuffer);
      expect(result.probabilities).toBe(probabilityBuffer);
      expect(agreement(result.labels.data, referenceLabels(image))).toBeGreaterThanOrEqual(0.999);
      const plane = H * W;
      for (let p = 0; p < plane; p += 37) {
        const sum = [0, 1, 2, 3, 4].reduce((s, k) => s + result.probabilities![k * plane + p]!, 0);
        expect(sum).toBeCloseTo(1, 5);
      }
    }
    await segmenter.close();
  });

  it('computes labels and probabilities itself for a logits-only model with a float input', async () => {
    const inGraph = await createSegmenter({ model: full, runtime: 'ort-web', probabilities: true });
    const onHost = await createSegmenter({ model: plain, runtime: 'ort-web', probabilities: true });
    for (const [channels, seed] of [[3, 7], [4, 8]] as const) {
      const image = frame(seed, channels);
      const a = await inGraph.segment(image, seed);
      const b = await onHost.segment(image, seed);
      expect(agreement(a.labels.data, b.labels.data)).toBeGreaterThanOrEqual(0.999);
      let maxDiff = 0;
      for (let i = 0; i < a.probabilities!.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a.probabilities![i]! - b.probabilities![i]!));
      expect(maxDiff).toBeLessThan(1e-4);
    }
    await Promise.all([inGraph.close(), onHost.close()]);
  });

  it(`picks onnxruntime-node by default when it is installed${ortNode.skipReason}`, async () => {
    const segmenter = await createSegmenter({ model: full });
    expect(segmenter.runtime).toBe(ortNode.installed ? 'ort-node' : 'ort-web');
    const image = frame(9);
    expect(agreement((await segmenter.segment(image, 1)).labels.data, referenceLabels(image))).toBeGreaterThanOrEqual(0.999);
    await segmenter.close();
  });

  it('rejects timestamps that do not increase, and loses nothing', async () => {
    const segmenter = await createSegmenter({ model: full, runtime: 'ort-web' });
    await segmenter.segment(frame(1), 100);
    for (const timestamp of [100, 50]) {
      const error = await rejection(() => segmenter.segment(frame(2), timestamp));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toContain(`timestamp ${timestamp} ms is not after the previous frame's 100 ms`);
    }
    expect(await rejection(() => segmenter.segment(frame(2), Number.NaN))).toBeInstanceOf(UsageError);
    expect((await segmenter.segment(frame(2), 101)).timestampMs).toBe(101);
    await segmenter.close();
  });

  it('rejects frames of the wrong size or type, naming the problem, and keeps working', async () => {
    const segmenter = await createSegmenter({ model: full, runtime: 'ort-web' });
    const cases: [ImageFrame, RegExp][] = [
      [frame(1, 3, 24, 16), /frame is 16x24 \(WxH\), the model takes 24x16/],
      [{ ...frame(1), data: new Float32Array(H * W * 3) as never }, /data must be a Uint8Array or Uint8ClampedArray of 8-bit pixels, got Float32Array/],
      [{ ...frame(1), channels: 1 as never, data: new Uint8Array(H * W) }, /has 1 channels; frames are RGB or RGBA/],
      [{ ...frame(1), data: new Uint8Array(10) }, /is 24x16x3 but has 10 bytes \(1152 expected\)/],
    ];
    for (const [bad, message] of cases) {
      const error = await rejection(() => segmenter.segment(bad, 1));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toMatch(message);
    }
    expect((await segmenter.segment(frame(1), 1)).labels.width).toBe(W);
    await segmenter.close();
  });

  it('refuses a second frame while one is running, and calls after close', async () => {
    const segmenter = await createSegmenter({ model: full, runtime: 'ort-web' });
    const running = segmenter.segment(frame(1), 1);
    expect((await rejection(() => segmenter.segment(frame(2), 2))).message).toMatch(/still being segmented/);
    await running;
    await segmenter.close();
    expect((await rejection(() => segmenter.segment(frame(2), 3))).message).toMatch(/the segmenter is closed/);
  });

  it('rejects truncated, malformed and missing model files, naming them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vidseg-ort-'));
    writeFileSync(join(dir, 'cut.onnx'), full.subarray(0, full.length - 100));
    writeFileSync(join(dir, 'text.onnx'), 'not a model');
    for (const [file, message] of [
      ['cut.onnx', /^cut\.onnx: /],
      ['text.onnx', /^text\.onnx: is not a valid ONNX model/],
      ['missing.onnx', /^missing\.onnx: cannot read the model file/],
    ] as const) {
      const error = await rejection(() => createSegmenter({ model: file, baseDir: dir }));
      expect(error).toBeInstanceOf(DataError);
      expect(error.message).toMatch(message);
    }
  });

  it('needs preprocessing and classes for a model without vidseg metadata', async () => {
    const stripped = onnxSchema.ModelProto.decode(plain);
    stripped.metadataProps = [];
    const bytes = onnxSchema.ModelProto.encode(stripped).finish();
    const error = await rejection(() => createSegmenter({ model: bytes, runtime: 'ort-web' }));
    expect(error).toBeInstanceOf(DataError); // a bad model file, exit 4 in the CLI like the other bad models
    expect(error.message).toMatch(/was not exported by vidseg/);
    const segmenter = await createSegmenter({ model: bytes, runtime: 'ort-web', preprocessing: TEST_PREPROCESSING, classes: model.classes });
    const image = frame(4);
    expect(agreement((await segmenter.segment(image, 0)).labels.data, referenceLabels(image))).toBeGreaterThanOrEqual(0.999);
    await segmenter.close();
  });
});

describe('segmentImages (batch mode)', () => {
  it('segments independent images of several sizes, each result owning its data', async () => {
    const segmenter = await createSegmenter({ model: plain, runtime: 'ort-web' });
    const images = [frame(1, 3, 16, 24), frame(2, 4, 24, 16), frame(3, 3, 16, 24)];
    const results = await segmenter.segmentImages(images);
    expect(results.map((r) => [r.labels.width, r.labels.height])).toEqual([[24, 16], [16, 24], [24, 16]]);
    expect(results[0]!.labels.data).not.toBe(results[2]!.labels.data);
    results.forEach((result, i) => expect(agreement(result.labels.data, referenceLabels(images[i]!))).toBeGreaterThanOrEqual(0.999));
    const error = await rejection(() => segmenter.segmentImages([frame(1, 3, 18, 24)]));
    expect(error.message).toMatch(/image 0 is 24x18 \(WxH\); this model needs sides that are multiples of 4/);
    await segmenter.close();
  });
});
