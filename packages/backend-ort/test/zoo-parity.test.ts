import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createContainer, pluginRegistry } from '@vidseg/core';
import { MODEL_REGISTRATIONS } from '@vidseg/models/testing';
import { buildConvLstmCell, register, segmentationModel, type SegmentationModel } from '@vidseg/models';
import { exportOnnx } from '../src/export/export-onnx.js';
import { readOnnxModel } from '../src/onnx/read-onnx-model.js';
import { OrtNodeRuntime } from '../src/runtime/ort-node-runtime.js';
import { OrtWebRuntime } from '../src/runtime/ort-web-runtime.js';
import { requireOrtNode } from './ort-node.js';
import { meetsParity, measureParity } from './parity.js';
import { randomNchw, randomWeights } from './test-models.js';

/** Every zoo model (and the variants the zoo is meant to build), with every output. */
const CASES: readonly [string, Record<string, unknown>][] = [
  ['espnet', {}],
  ['espnet', { variant: 'cityscapes' }],
  ['mobilenetv2', {}],
  ['mobilenetv2', { widthMultiplier: 0.5, outputStride: 16 }],
  ['pspnet', {}],
  ['pspnet', { backbone: 'resnet50' }],
  ['pspnet', { backbone: 'resnet101' }],
  ['tiny', {}],
  ['tiny-every-op', {}],
];
/** Small inputs keep the deep teachers fast; 64 x 96 still gives PSPNet's 6x6 pyramid bins at 1/8. */
const [HEIGHT, WIDTH] = [64, 96];

function build(name: string, options: Record<string, unknown>): SegmentationModel {
  const container = createContainer();
  register(container);
  return segmentationModel(pluginRegistry(container).create(container, 'model', { type: name, ...options, features: true, auxLogits: true }));
}

const ortNode = await requireOrtNode();
const runtimes = [new OrtWebRuntime(), ...(ortNode.installed ? [new OrtNodeRuntime()] : [])];

/** Transpose nodes of an exported model (readOnnxModel counts the op types of its graph). */
const transposes = (onnx: Uint8Array) => readOnnxModel(onnx).opCounts.Transpose ?? 0;

describe(`ONNX export vs the tfjs interpreter (wasm), random weights and inputs${ortNode.skipReason}`, { timeout: 600_000 }, () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });

  it('covers every registered model', () => {
    expect(new Set(CASES.map(([name]) => name))).toEqual(new Set(MODEL_REGISTRATIONS.map((r) => r.name)));
  });

  for (const [name, options] of CASES) {
    it(`${name} ${JSON.stringify(options)}: logits within 1e-4 of their range, argmax agreeing on 99.9 %; no layout change in the export`, async () => {
      const model = build(name, options);
      const weights = randomWeights(model.graph, 3);
      const input = randomNchw([1, 3, HEIGHT, WIDTH], 4);
      const { onnx, byRuntime } = await measureParity(model, weights, { image: input }, ['logits', 'features', 'auxLogits'], runtimes);
      // The IR is NCHW like ONNX: a float32 NCHW export needs no Transpose; an image export has
      // exactly one, the uint8 NHWC -> NCHW move of its preprocessing (export/image-input.ts).
      expect(transposes(onnx)).toBe(0);
      expect(transposes(exportOnnx(model, weights, { inputSize: [HEIGHT, WIDTH], image: 'rgb', outputs: ['labels'] }))).toBe(1);
      for (const [runtime, report] of byRuntime) {
        for (const parity of report) {
          const label = `${runtime} ${parity.output}: max |diff| ${parity.maxAbsDiff.toExponential(2)}, range ${parity.range.toFixed(3)}, argmax agreement ${parity.argmaxAgreement}`;
          if (parity.output === 'features') expect(parity.maxAbsDiff, label).toBeLessThanOrEqual(1e-4 * parity.range);
          else expect(meetsParity(parity), label).toBe(true);
        }
      }
    });
  }

  it('the ConvLSTM cell (three inputs, two outputs)', async () => {
    const graph = buildConvLstmCell({ inputChannels: 6, hiddenChannels: 4 });
    const model: SegmentationModel = {
      name: 'convlstm-cell',
      graph,
      classes: [],
      preprocessing: { channelOrder: 'RGB', mean: [0, 0, 0], std: [1, 1, 1], scale: 1 },
      outputs: { logits: true, features: false, auxLogits: false },
      input: { multipleOf: 1 },
    };
    const weights = randomWeights(graph, 5);
    const inputs = { x: randomNchw([2, 6, 12, 16], 6), h: randomNchw([2, 4, 12, 16], 7), c: randomNchw([2, 4, 12, 16], 8, 3) };
    const { onnx, byRuntime } = await measureParity(model, weights, inputs, ['hidden', 'cell'], runtimes);
    expect(transposes(onnx)).toBe(0);
    for (const [runtime, report] of byRuntime) {
      for (const parity of report) {
        expect(parity.maxAbsDiff, `${runtime} ${parity.output}: ${parity.maxAbsDiff} of ${parity.range}`).toBeLessThanOrEqual(1e-4 * parity.range);
      }
    }
  });
});
