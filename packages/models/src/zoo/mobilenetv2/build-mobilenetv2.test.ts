import { describe, expect, it } from 'vitest';
import { countParameters } from '../../graph/count-model.js';
import type { Graph } from '../../graph/graph-types.js';
import { inferShapes } from '../../graph/infer-shapes.js';
import { buildMobileNetV2 } from './build-mobilenetv2.js';
import { makeDivisible } from './make-divisible.js';

const trainable = (graph: Graph, prefix: string) =>
  graph.params.filter((p) => p.trainable && p.name.startsWith(prefix)).reduce((sum, p) => sum + p.shape.reduce((a, b) => a * b, 1), 0);

const depthwise = (graph: Graph, block: number) => {
  const node = graph.nodes.find((n) => n.spec.op === 'conv2d' && n.spec.groups > 1 && n.name.startsWith(`backbone.features.${block}.`))!;
  return node.spec.op === 'conv2d' ? { stride: node.spec.stride[0], dilation: node.spec.dilation[0] } : undefined;
};

describe('buildMobileNetV2', () => {
  it('has torchvision MobileNetV2 features without the last 1x1 conv', () => {
    // torchvision mobilenet_v2(): 3,504,872 parameters, minus the 320->1280 conv (409,600), its
    // BatchNorm (2,560) and the 1280->1000 classifier (1,281,000).
    const { graph } = buildMobileNetV2();
    expect(trainable(graph, 'backbone.')).toBe(3_504_872 - 409_600 - 2_560 - 1_281_000);
    expect(graph.params.find((p) => p.name === 'backbone.features.1.conv.0.0.weight')!.shape).toEqual([32, 1, 3, 3]);
    expect(graph.params.find((p) => p.name === 'backbone.features.17.conv.2.weight')!.shape).toEqual([320, 960, 1, 1]);
  });

  it('turns strides past the output stride into dilations, as DeepLabv3', () => {
    const { graph } = buildMobileNetV2({ outputStride: 8 });
    expect(depthwise(graph, 4)).toEqual({ stride: 2, dilation: 1 }); // reaches 1/8
    expect(depthwise(graph, 7)).toEqual({ stride: 1, dilation: 1 }); // would go to 1/16
    expect(depthwise(graph, 8)).toEqual({ stride: 1, dilation: 2 });
    expect(depthwise(graph, 14)).toEqual({ stride: 1, dilation: 2 }); // would go to 1/32
    expect(depthwise(graph, 15)).toEqual({ stride: 1, dilation: 4 });
    for (const [outputStride, size] of [
      [8, [45, 60]],
      [16, [23, 30]],
      [32, [12, 15]],
    ] as const) {
      const model = buildMobileNetV2({ outputStride, features: true });
      const shapes = inferShapes(model.graph, { image: [360, 480] });
      expect(shapes.get(model.graph.outputs.features!)).toEqual([256, ...size]);
    }
  });

  it('scales widths by the multiplier with torchvision rounding', () => {
    expect([32, 16, 24, 96, 320].map((c) => makeDivisible(c * 0.35))).toEqual([16, 8, 8, 32, 112]);
    const { graph } = buildMobileNetV2({ widthMultiplier: 0.5, classes: ['a', 'b', 'c'] });
    expect(graph.params.find((p) => p.name === 'backbone.features.0.0.weight')!.shape).toEqual([16, 3, 3, 3]);
    expect(graph.params.find((p) => p.name === 'head.classifier.weight')!.shape).toEqual([3, 256, 1, 1]);
    expect(countParameters(graph).trainable).toBeLessThan(countParameters(buildMobileNetV2().graph).trainable / 2);
  });
});
