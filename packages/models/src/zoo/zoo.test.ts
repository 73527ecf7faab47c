import { createContainer, pluginRegistry } from '@vidseg/core';
import { describe, expect, it } from 'vitest';
import { countParameters } from '../graph/count-model.js';
import type { Graph } from '../graph/graph-types.js';
import { inferShapes } from '../graph/infer-shapes.js';
import { register } from '../register.js';
import { segmentationModel, type SegmentationModel } from './common/segmentation-model.js';
import { MODEL_REGISTRATIONS } from './model-registrations.js';

/** Learnable parameters implied by each node's attributes and inferred input channels. */
function parametersFromNodes(graph: Graph, shapes: ReturnType<typeof inferShapes>): number {
  let total = 0;
  for (const node of graph.nodes) {
    const spec = node.spec;
    const inChannels = shapes.get(node.inputs[0]!)![0];
    if (spec.op === 'conv2d') total += (spec.outChannels * inChannels * spec.kernel[0] * spec.kernel[1]) / spec.groups + (spec.bias ? spec.outChannels : 0);
    if (spec.op === 'convTranspose2d') total += inChannels * spec.outChannels * spec.kernel[0] * spec.kernel[1] + (spec.bias ? spec.outChannels : 0);
    if (spec.op === 'batchNorm') total += 2 * inChannels;
    if (spec.op === 'prelu') total += spec.perChannel ? inChannels : 1;
  }
  return total;
}

function build(name: string, options: Record<string, unknown> = {}): SegmentationModel {
  const container = createContainer();
  register(container);
  return segmentationModel(pluginRegistry(container).create(container, 'model', { type: name, ...options }));
}

/** Every registered model with its defaults, plus the variants the zoo is meant to build. */
const CASES: readonly [string, Record<string, unknown>][] = [
  ...MODEL_REGISTRATIONS.map((r): [string, Record<string, unknown>] => [r.name, {}]),
  ['espnet', { variant: 'cityscapes' }],
  ['mobilenetv2', { widthMultiplier: 0.5, outputStride: 16 }],
  ['pspnet', { backbone: 'resnet50' }],
  ['pspnet', { backbone: 'resnet101', classes: 'cityscapes' }],
];

describe('the model zoo', () => {
  it('covers every registered model', () => {
    expect(new Set(CASES.map(([name]) => name))).toEqual(new Set(MODEL_REGISTRATIONS.map((r) => r.name)));
  });

  for (const [name, options] of CASES) {
    describe(`${name} ${JSON.stringify(options)}`, () => {
      it.each([
        [360, 480],
        [512, 1024],
      ])('gives logits, features and auxiliary logits at %ix%i', (height, width) => {
        const model = build(name, { ...options, features: true, auxLogits: true });
        const shapes = inferShapes(model.graph, { image: [height, width] });
        const k = model.classes.length;
        expect(shapes.get(model.graph.outputs.logits!)).toEqual([k, height, width]);
        expect(shapes.get(model.graph.outputs.auxLogits!)).toEqual([k, height, width]);
        expect(shapes.get(model.graph.outputs.features!)![0]).toBeGreaterThan(0);
        expect(model.outputs).toEqual({ logits: true, features: true, auxLogits: true });
        expect(height % model.input.multipleOf).toBe(0);
      });

      it('counts exactly the parameters its nodes need, and marks a head group', () => {
        const model = build(name, { ...options, auxLogits: true });
        const shapes = inferShapes(model.graph, { image: [64, 64] });
        expect(countParameters(model.graph).trainable).toBe(parametersFromNodes(model.graph, shapes));
        expect(new Set(model.graph.params.map((p) => p.group))).toEqual(new Set(['backbone', 'head']));
      });

      it('builds only logits by default', () => {
        const model = build(name, options);
        expect(Object.keys(model.graph.outputs)).toEqual(['logits']);
        expect(model.outputs).toEqual({ logits: true, features: false, auxLogits: false });
      });
    });
  }

  it('rejects bad options with the model name and the option', () => {
    const container = createContainer();
    register(container);
    expect(() => pluginRegistry(container).create(container, 'model', { type: 'espnet', p: 0 }, { path: 'model' })).toThrow(/model\.p/);
  });
});
