import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, createContainer, createRunContainer, pluginRegistry, type ImageFrame } from '@vidseg/core';
import { exportOnnx } from '../export/export-onnx.js';
import { register } from '../register.js';
import { runReferenceGraph } from '@vidseg/models/testing';
import { TEST_PREPROCESSING, maxAbs, maxAbsDiff, preprocessReference, randomImage, randomWeights, testModel, tinySegNet } from '../../test/test-models.js';
import { OnnxTeacher } from './onnx-teacher.js';

const graph = tinySegNet(6, true);
const weights = randomWeights(graph, 31);
const model = testModel(graph, { classes: 6, multipleOf: 4 });
const [H, W] = [16, 20];
const frames: ImageFrame[] = [1, 2, 3].map((seed) => ({ width: W, height: H, channels: 4, data: randomImage(1, H, W, 4, seed) }));
const input = preprocessReference(Uint8Array.from(frames.flatMap((f) => [...f.data])), 3, H, W, 4, TEST_PREPROCESSING);
const reference = runReferenceGraph(graph, weights, { image: input });

function teacher(bytes: Uint8Array): OnnxTeacher {
  return new OnnxTeacher({ bytes, source: 'teacher.onnx' }, { runtime: 'ort-web', threads: 1 });
}

describe('OnnxTeacher', () => {
  it.each([
    ['a dynamic batch', 'dynamic'],
    ['a fixed batch of 1 (run frame by frame)', 1],
  ] as const)('returns NCHW host logits and features for a batch of frames, with %s', async (_, batch) => {
    const onnxTeacher = teacher(exportOnnx(model, weights, { inputSize: 'dynamic', batch, outputs: ['logits', 'features'] }));
    expect(onnxTeacher.classes).toEqual(model.classes);
    const { logits, features } = await onnxTeacher.predict(frames, { features: true });
    const expectedLogits = reference.get(graph.outputs.logits!)!;
    const expectedFeatures = reference.get('features')!;
    expect(logits.dims).toEqual([3, 6, H, W]);
    expect(features!.dims).toEqual([...expectedFeatures.shape]);
    expect(maxAbsDiff(logits.data as Float32Array, expectedLogits.data)).toBeLessThan(1e-5 * Math.max(1, maxAbs(expectedLogits.data)));
    expect(maxAbsDiff(features!.data as Float32Array, expectedFeatures.data)).toBeLessThan(1e-5 * Math.max(1, maxAbs(expectedFeatures.data)));
    expect((await onnxTeacher.predict(frames.slice(0, 1))).features).toBeUndefined();
    await onnxTeacher.dispose();
  });

  it('says when features are asked of a model without them', async () => {
    const onnxTeacher = teacher(exportOnnx(model, weights, { inputSize: 'dynamic' }));
    await expect(onnxTeacher.predict(frames, { features: true })).rejects.toThrow(UsageError);
    await expect(onnxTeacher.predict(frames, { features: true })).rejects.toThrow(/the teacher has no features output/);
  });

  it('is the "onnx" teacher plugin, reading the model relative to the config folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vidseg-teacher-'));
    writeFileSync(join(dir, 'teacher.onnx'), exportOnnx(model, weights, { inputSize: 'dynamic', image: 'rgb', batch: 'dynamic' }));
    const container = createContainer();
    register(container);
    const run = createRunContainer(container, { seed: 0, baseDir: dir });
    const plugin = pluginRegistry(container).create(run, 'teacher', { type: 'onnx', model: 'teacher.onnx', runtime: 'ort-web' }) as OnnxTeacher;
    const { logits } = await plugin.predict(frames);
    expect(maxAbsDiff(logits.data as Float32Array, reference.get(graph.outputs.logits!)!.data)).toBeLessThan(1e-4);
    await plugin.dispose();
    expect(() => pluginRegistry(container).create(run, 'teacher', { type: 'onnx', model: 'absent.onnx' })).toThrow(/absent\.onnx: cannot read the model file/);
  });
});
