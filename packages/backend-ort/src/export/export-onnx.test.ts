import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CAMVID_PALETTE, ConfigError, DataError, UsageError } from '@vidseg/core';
import { GraphBuilder } from '@vidseg/models';
import { readOnnxModel } from '../onnx/read-onnx-model.js';
import { VIDSEG_VERSION } from '../version.js';
import { resizeBilinearNchw, runReferenceGraph } from '@vidseg/models/testing';
import {
  TEST_PREPROCESSING,
  floatFeed,
  maxAbs,
  maxAbsDiff,
  preprocessReference,
  randomImage,
  randomNchw,
  randomWeights,
  runOnnx,
  testModel,
  tinySegNet,
} from '../../test/test-models.js';
import { exportOnnx } from './export-onnx.js';

const graph = tinySegNet(4);
const weights = randomWeights(graph, 7);
const model = testModel(graph, { multipleOf: 4 });

const close = (actual: ArrayLike<number>, expected: ArrayLike<number>) =>
  expect(maxAbsDiff(actual, expected)).toBeLessThanOrEqual(1e-5 * Math.max(1, maxAbs(expected)));

describe('exportOnnx', () => {
  it('gives one dynamic model that runs at several sizes and batch sizes, matching the reference', async () => {
    const bytes = exportOnnx(model, weights, { inputSize: 'dynamic', batch: 'dynamic', outputs: ['logits', 'features'] });
    for (const [n, h, w] of [[1, 24, 32], [2, 40, 20]] as const) {
      const input = randomNchw([n, 3, h, w], h);
      const outputs = await runOnnx(bytes, { image: floatFeed(input) });
      const reference = runReferenceGraph(graph, weights, { image: input });
      expect(outputs.logits!.dims).toEqual([n, 4, h / 4, w / 4]);
      close(outputs.logits!.data as Float32Array, reference.get('classifier')!.data);
      close(outputs.features!.data as Float32Array, reference.get('features')!.data);
    }
  });

  it.each([3, 4] as const)('preprocesses a uint8 image with %i channels inside the graph, with one Transpose', async (channels) => {
    const [h, w] = [16, 20];
    const bytes = exportOnnx(model, weights, { inputSize: [h, w], image: channels === 3 ? 'rgb' : 'rgba', batch: 2 });
    const image = randomImage(2, h, w, channels);
    const outputs = await runOnnx(bytes, { image: { type: 'uint8', dims: [2, h, w, channels], data: image } });
    const reference = runReferenceGraph(graph, weights, { image: preprocessReference(image, 2, h, w, channels, TEST_PREPROCESSING) });
    close(outputs.logits!.data as Float32Array, reference.get('classifier')!.data);
    expect(readOnnxModel(bytes).opCounts.Transpose).toBe(1);
  });

  it('adds no Transpose, Identity or Dropout node to a plain export', () => {
    const b = new GraphBuilder();
    const x = b.input('image', 3);
    b.output('logits', b.dropout(b.conv(b.identity(x), { name: 'c', out: 2, kernel: 1 }), 0.5));
    const counts = readOnnxModel(exportOnnx(testModel(b.build()), randomWeights(b.build()), { outputs: ['logits', 'labels'] })).opCounts;
    expect(counts).toEqual({ Conv: 1, ArgMax: 1, Cast: 1 });
  });

  for (const mode of ['fixed', 'dynamic'] as const) {
    it(`outputs labels and probabilities at the input size from 1/4-resolution logits (${mode})`, async () => {
      const [h, w] = [24, 36];
      const bytes = exportOnnx(model, weights, { inputSize: mode === 'fixed' ? [h, w] : 'dynamic', outputs: ['labels', 'probabilities', 'logits'] });
      const input = randomNchw([1, 3, h, w], 11, 2);
      const outputs = await runOnnx(bytes, { image: floatFeed(input) });
      const logits = runReferenceGraph(graph, weights, { image: input }).get('classifier')!;
      const scores = resizeBilinearNchw(logits, [h, w], 'half-pixel');
      const plane = h * w;
      const probabilities = outputs.probabilities!.data as Float32Array;
      const labels = outputs.labels!;
      expect(labels.type).toBe('uint8');
      expect(labels.dims).toEqual([1, h, w]);
      expect(outputs.probabilities!.dims).toEqual([1, 4, h, w]);
      let disagreements = 0;
      for (let p = 0; p < plane; p++) {
        const column = [0, 1, 2, 3].map((k) => scores.data[k * plane + p]!);
        const best = column.indexOf(Math.max(...column));
        const sorted = [...column].sort((a, b) => b - a);
        if (labels.data[p] !== best && sorted[0]! - sorted[1]! > 1e-5) disagreements++;
        const exps = column.map((v) => Math.exp(v - sorted[0]!));
        const total = exps.reduce((s, v) => s + v, 0);
        for (let k = 0; k < 4; k++) expect(Math.abs(probabilities[k * plane + p]! - exps[k]! / total)).toBeLessThan(1e-5);
      }
      expect(disagreements).toBe(0);
    });
  }

  it('keeps the logits unresized when the network outputs them at the input size', () => {
    const full = tinySegNet(4, true);
    const counts = readOnnxModel(exportOnnx(testModel(full, { multipleOf: 4 }), randomWeights(full), { inputSize: [16, 16], outputs: ['labels'] })).opCounts;
    expect(counts.Resize).toBe(2); // the pyramid branch and the network's own upsampling, none added
  });

  it('writes the metadata a user needs into the file', () => {
    const camvid = testModel(tinySegNet(12), { multipleOf: 4, nativeSize: [24, 32], name: 'tiny-camvid' });
    const classes = [...CAMVID_PALETTE.classes, 'Void'];
    const bytes = exportOnnx({ ...camvid, classes }, randomWeights(camvid.graph), { image: 'rgba', outputs: ['labels', 'probabilities'] });
    const info = readOnnxModel(bytes, 'tiny.onnx');
    expect(info.opset).toBe(18);
    expect(info.inputs).toEqual([{ name: 'image', type: 'uint8', dims: [1, 24, 32, 4] }]);
    expect(info.outputs).toEqual([
      { name: 'labels', type: 'uint8', dims: [1, 24, 32] },
      { name: 'probabilities', type: 'float32', dims: [1, 12, 24, 32] },
    ]);
    expect(info.vidseg).toEqual({
      version: VIDSEG_VERSION,
      model: 'tiny-camvid',
      classes,
      palette: CAMVID_PALETTE,
      preprocessing: TEST_PREPROCESSING,
      input: { name: 'image', format: 'image-rgba', size: [24, 32], batch: 1, multipleOf: 4, nativeSize: [24, 32] },
      outputs: ['labels', 'probabilities'],
    });
  });

  it('records the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VIDSEG_VERSION).toBe(pkg.version);
  });

  it('rejects weights that do not fit, listing each problem', () => {
    const broken = new Map(weights);
    broken.delete('stem.weight');
    broken.set('classifier.bias', { dtype: 'F32', shape: [5], data: new Float32Array(5) });
    const attempt = () => exportOnnx(model, broken);
    expect(attempt).toThrow(DataError);
    expect(attempt).toThrow(/missing: stem\.weight[\s\S]*mis-shaped: classifier\.bias is .*\[5\], expected .*\[4\]/);
  });

  it('rejects options that do not fit the model', () => {
    expect(() => exportOnnx(model, weights, { outputs: ['logits', 'heatmap'] })).toThrow(UsageError);
    expect(() => exportOnnx(model, weights, { outputs: ['logits', 'heatmap'] })).toThrow(/unknown output "heatmap"; this model offers labels, probabilities, features, logits/);
    expect(() => exportOnnx(model, weights, { inputSize: [30, 32] })).toThrow(/30x32 \(HxW\) is not a multiple of 4/);
    expect(() => exportOnnx(model, weights, { image: 'bgr' as never })).toThrow(ConfigError);
    const b = new GraphBuilder();
    const two = b.concat([b.input('a', 3), b.input('b', 3)]);
    b.output('logits', b.conv(two, { name: 'c', out: 2, kernel: 1 }));
    expect(() => exportOnnx(testModel(b.build()), randomWeights(b.build()), { image: 'rgb' })).toThrow(/image preprocessing needs one 3-channel network input/);
  });
});
