import { describe, expect, it } from 'vitest';
import { DataError } from '@vidseg/core';
import { exportOnnx } from '../export/export-onnx.js';
import { randomWeights, testModel, tinySegNet } from '../../test/test-models.js';
import { onnxSchema } from './onnx-schema.js';
import { readOnnxModel } from './read-onnx-model.js';

const graph = tinySegNet(3);
const bytes = exportOnnx(testModel(graph, { multipleOf: 4 }), randomWeights(graph), { inputSize: [16, 16], image: 'rgb', outputs: ['labels'] });

function dataError(action: () => unknown): DataError {
  try {
    action();
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error('expected a DataError');
}

describe('readOnnxModel', () => {
  it('reads inputs, outputs, opset and op counts of a valid model', () => {
    const info = readOnnxModel(bytes, 'net.onnx');
    expect(info.source).toBe('net.onnx');
    expect(info.inputs.map((i) => i.name)).toEqual(['image']);
    expect(info.outputs.map((o) => o.name)).toEqual(['labels']);
    expect(info.opCounts.Conv).toBe(5);
  });

  it("carries a model's void class in its metadata (vidseg.voidClass), and none when the model has none", () => {
    const withVoid = exportOnnx({ ...testModel(graph, { multipleOf: 4 }), voidClass: 3 }, randomWeights(graph), { inputSize: [16, 16], image: 'rgb', outputs: ['labels'] });
    expect(readOnnxModel(withVoid, 'void.onnx').vidseg?.voidClass).toBe(3);
    expect(readOnnxModel(bytes, 'net.onnx').vidseg).not.toHaveProperty('voidClass');
  });

  it('rejects an empty file', () => {
    expect(dataError(() => readOnnxModel(new Uint8Array(0), 'empty.onnx')).message).toMatch(/^empty\.onnx: the file is empty/);
  });

  it('rejects bytes that are not an ONNX model', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(dataError(() => readOnnxModel(png, 'photo.onnx')).message).toMatch(/^photo\.onnx: is not a valid ONNX model/);
  });

  it('rejects the model truncated at any of many points, naming the file', () => {
    const cuts = [1, 10, 100, 1000, Math.floor(bytes.length / 2), bytes.length - 200, bytes.length - 20, bytes.length - 1];
    for (const cut of cuts) {
      const error = dataError(() => readOnnxModel(bytes.subarray(0, cut), 'cut.onnx'));
      expect(error.message, `cut at ${cut}`).toMatch(/^cut\.onnx: /);
      expect(error.hint).toMatch(/truncated/);
    }
  });

  it('rejects a graph whose node reads a tensor nothing produces', () => {
    const model = onnxSchema.ModelProto.decode(bytes);
    model.graph!.node = model.graph!.node!.slice(2);
    const broken = onnxSchema.ModelProto.encode(model).finish();
    expect(dataError(() => readOnnxModel(broken, 'holes.onnx')).message).toMatch(/holes\.onnx: node ".*" reads ".*", which nothing in the graph produces/);
  });

  it('rejects vidseg metadata that is not valid JSON, naming the key', () => {
    const model = onnxSchema.ModelProto.decode(bytes);
    for (const prop of model.metadataProps) if (prop.key === 'vidseg.classes') prop.value = '["a",';
    const broken = onnxSchema.ModelProto.encode(model).finish();
    expect(dataError(() => readOnnxModel(broken, 'meta.onnx')).message).toBe('meta.onnx: metadata key "vidseg.classes" is not valid JSON');
  });
});
