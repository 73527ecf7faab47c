import { describe, expect, it } from 'vitest';
import { countParameters } from '../../graph/count-model.js';
import type { Graph } from '../../graph/graph-types.js';
import { inferShapes } from '../../graph/infer-shapes.js';
import { buildPspnet } from './build-pspnet.js';

const trainable = (graph: Graph, prefix: string) =>
  graph.params.filter((p) => p.trainable && p.name.startsWith(prefix)).reduce((sum, p) => sum + p.shape.reduce((a, b) => a * b, 1), 0);

describe('buildPspnet', () => {
  it('has a deep-stem ResNet-18: torchvision resnet18 with the stem swapped', () => {
    // torchvision resnet18: 11,689,512 parameters; minus fc (513,000) and the 7x7 stem + BN
    // (9,536); plus the 3x3 stem 3-64-64-128 with BNs (112,832); layer1.0 then reads 128
    // channels: its conv1 grows by 36,864 and it gains a 1x1 downsample + BN (8,320).
    const { graph } = buildPspnet();
    expect(trainable(graph, 'backbone.')).toBe(11_689_512 - 513_000 - 9_536 + 112_832 + 36_864 + 8_320);
  });

  it('keeps 1/8 resolution with dilations 2 and 4 in the last two stages', () => {
    const model = buildPspnet({ features: true });
    const shapes = inferShapes(model.graph, { image: [360, 480] });
    expect(shapes.get('backbone.layer2.1.relu')).toEqual([128, 45, 60]);
    expect(shapes.get('backbone.layer3.1.relu')).toEqual([256, 45, 60]);
    expect(shapes.get('backbone.layer4.1.relu')).toEqual([512, 45, 60]);
    expect(shapes.get(model.graph.outputs.features!)).toEqual([128, 45, 60]);
    const conv = (name: string) => model.graph.nodes.find((n) => n.name === name)!.spec;
    expect(conv('backbone.layer3.0.conv1')).toMatchObject({ stride: [1, 1], dilation: [2, 2], padding: [2, 2] });
    expect(conv('backbone.layer4.1.conv2')).toMatchObject({ stride: [1, 1], dilation: [4, 4], padding: [4, 4] });
  });

  it('pools the pyramid into bins 1, 2, 3 and 6 and concatenates them after the features', () => {
    const { graph } = buildPspnet();
    const shapes = inferShapes(graph, { image: [512, 1024] });
    expect([0, 1, 2, 3].map((i) => shapes.get(`head.ppm.${i}.pool`))).toEqual([
      [512, 1, 1],
      [512, 2, 2],
      [512, 3, 3],
      [512, 6, 6],
    ]);
    const concat = graph.nodes.find((n) => n.name === 'head.ppm.concat')!;
    expect(concat.inputs).toEqual(['backbone.layer4.1.relu', 'head.ppm.0.resize', 'head.ppm.1.resize', 'head.ppm.2.resize', 'head.ppm.3.resize']);
    expect(shapes.get('head.ppm.concat')).toEqual([1024, 64, 128]);
  });

  it('puts the auxiliary head on stage 3 and every head layer in the head group', () => {
    const model = buildPspnet({ auxLogits: true });
    expect(model.graph.nodes.find((n) => n.name === 'aux.conv')!.inputs).toEqual(['backbone.layer3.1.relu']);
    for (const p of model.graph.params) expect(p.group).toBe(p.name.startsWith('backbone.') ? 'backbone' : 'head');
  });

  it('builds bottleneck teachers with 512-channel heads', () => {
    const { graph } = buildPspnet({ backbone: 'resnet101', auxLogits: true });
    expect(graph.params.find((p) => p.name === 'backbone.layer3.22.conv3.weight')!.shape).toEqual([1024, 256, 1, 1]);
    expect(graph.params.find((p) => p.name === 'head.bottleneck.conv.weight')!.shape).toEqual([512, 4096, 3, 3]);
    expect(graph.params.find((p) => p.name === 'aux.conv.weight')!.shape).toEqual([512, 1024, 3, 3]);
    expect(countParameters(graph).trainable).toBeGreaterThan(60e6);
  });
});
