import { createContainer, pluginRegistry, UsageError } from '@vidseg/core';
import { countParameters, inferShapes, segmentationModel, type SegmentationModel } from '@vidseg/models';
import { describe, expect, it } from 'vitest';
import { buildMiniUnet } from './build-mini-unet.js';
import { register } from './register.js';

/** [channels, height, width] of the named values at an input of `height` x `width`. */
function shapesAt(model: SegmentationModel, height: number, width: number, values: readonly string[]) {
  const shapes = inferShapes(model.graph, { image: [height, width] });
  return Object.fromEntries(values.map((name) => [name, shapes.get(name)]));
}

describe('mini-unet', () => {
  const stages = ['stem.relu', 'down2.pw_relu', 'down3.pw_relu', 'context.add', 'up2.pw_relu', 'up1.pw_relu'];

  it.each([
    [48, 64],
    [96, 160],
  ])('has the designed shape at every stage for a %ix%i input', (height, width) => {
    const model = buildMiniUnet({ width: 8 });
    const [h2, w2, h4, w4, h8, w8] = [height / 2, width / 2, height / 4, width / 4, height / 8, width / 8];
    expect(shapesAt(model, height, width, [...stages, model.graph.outputs.logits!])).toEqual({
      'stem.relu': [8, h2, w2],
      'down2.pw_relu': [16, h4, w4],
      'down3.pw_relu': [32, h8, w8],
      'context.add': [32, h8, w8],
      'up2.pw_relu': [16, h4, w4],
      'up1.pw_relu': [8, h2, w2],
      'classifier.resize': [11, height, width],
    });
  });

  it('outputs the features and the auxiliary logits only when asked', () => {
    const plain = buildMiniUnet();
    expect(Object.keys(plain.graph.outputs)).toEqual(['logits']);
    const full = buildMiniUnet({ features: true, auxLogits: true, classes: ['road', 'car', 'other'] });
    expect(full.outputs).toEqual({ logits: true, features: true, auxLogits: true });
    const shapes = inferShapes(full.graph, { image: [48, 64] });
    expect(shapes.get(full.graph.outputs.features!)).toEqual([64, 6, 8]);
    expect(shapes.get(full.graph.outputs.auxLogits!)).toEqual([3, 48, 64]);
    expect(full.graph.params.filter((p) => p.group === 'head').map((p) => p.name)).toEqual([
      'classifier.weight',
      'classifier.bias',
      'aux.classifier.weight',
      'aux.classifier.bias',
    ]);
  });

  it('has the number of learnable parameters counted by hand', () => {
    // A separable block from i to o channels: depthwise 9i, its BN 2i, pointwise o*i, its BN 2o.
    const separable = (i: number, o: number) => 9 * i + 2 * i + o * i + 2 * o;
    const w = 16;
    const stem = w * 3 * 9 + 2 * w;
    const blocks = separable(w, 2 * w) + separable(2 * w, 4 * w) + separable(4 * w, 4 * w) + separable(6 * w, 2 * w) + separable(3 * w, w);
    const classifier = 11 * w + 11;
    expect(stem + blocks + classifier).toBe(14379);
    expect(countParameters(buildMiniUnet().graph).trainable).toBe(14379);
  });

  it('is a model plugin the registry builds from a config entry, and rejects bad options', () => {
    const container = createContainer();
    register(container);
    const model = segmentationModel(pluginRegistry(container).create(container, 'model', { type: 'mini-unet', width: 4 }, { path: 'model' }));
    expect(model.name).toBe('mini-unet');
    expect(model.input.multipleOf).toBe(8);
    expect(inferShapes(model.graph, { image: [8, 8] }).get('stem.relu')).toEqual([4, 4, 4]);
    expect(() => pluginRegistry(container).validate('model', { type: 'mini-unet', width: 0 }, { path: 'model' })).toThrow(/model\.width: /);
    expect(() => buildMiniUnet({ width: 0 })).toThrow(UsageError);
  });
});
