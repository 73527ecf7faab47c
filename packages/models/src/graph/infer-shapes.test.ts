import { describe, expect, it } from 'vitest';
import { buildEspnet } from '../zoo/espnet/build-espnet.js';
import { GraphBuilder } from './graph-builder.js';
import type { Graph, OpName } from './graph-types.js';
import { inferShapes, windowOutputSize } from './infer-shapes.js';

/** Every op of the graph description: adding an op to OpSpec fails to compile until it is listed here. */
const EVERY_OP = {
  conv2d: true,
  convTranspose2d: true,
  batchNorm: true,
  relu: true,
  relu6: true,
  prelu: true,
  sigmoid: true,
  tanh: true,
  add: true,
  mul: true,
  concat: true,
  avgPool2d: true,
  maxPool2d: true,
  globalAvgPool: true,
  adaptiveAvgPool2d: true,
  resizeBilinear: true,
  dropout: true,
  identity: true,
} as const satisfies Record<OpName, true>;

describe('inferShapes', () => {
  it('follows PyTorch size arithmetic for every op', () => {
    const b = new GraphBuilder();
    const x = b.input('image', 3);
    const strided = b.conv(x, { name: 'strided', out: 8, kernel: 3, stride: 2 }); // (17 + 2 - 3) / 2 + 1 = 9
    const dilated = b.conv(strided, { name: 'dilated', out: 8, kernel: 3, dilation: 3, padding: 1 }); // 9 + 2 - 6 - 1 + 1 = 5
    const depthwise = b.depthwiseConv(strided, { name: 'depthwise', kernel: 3, stride: 2, padding: 0 }); // (9 - 3) / 2 + 1 = 4
    const grouped = b.conv(depthwise, { name: 'grouped', out: 6, kernel: 1, groups: 2 }); // 8 -> 6 channels, 4x5
    // Shape-preserving ops: [C, H, W] in, the same out (BN and PReLU also check their parameters).
    const normalised = b.batchNorm(grouped, { name: 'bn' });
    const perChannel = b.prelu(normalised, { name: 'prelu' });
    const shared = b.prelu(perChannel, { name: 'prelu-shared', perChannel: false });
    const activated = b.tanh(b.sigmoid(b.relu6(b.relu(shared, 'relu'), 'relu6'), 'sigmoid'), 'tanh');
    const product = b.mul([activated, grouped, normalised], 'product');
    b.output('taps', b.identity(b.dropout(product, 0.5, 'dropout'), 'identity'));
    const up = b.convTranspose(dilated, { name: 'up', out: 4, kernel: 3, stride: 2, padding: 1, outputPadding: 1 }); // 4 * 2 - 2 + 3 + 1 = 10
    const avg = b.avgPool(up, { kernel: 3, stride: 2, padding: 1, name: 'avg' }); // (10 + 2 - 3) / 2 + 1 = 5
    const max = b.maxPool(up, { kernel: 2, name: 'max' }); // 5
    const bins = b.adaptiveAvgPool(max, [2, 3], 'bins');
    const gap = b.globalAvgPool(max, 'gap');
    b.resize(bins, { size: [7, 11] }, 'half-pixel', 'sized');
    b.resize(avg, { scale: 1.5 }, 'asymmetric', 'scaled'); // floor(5 * 1.5) = 7
    const like = b.resize(gap, { like: x }, 'align-corners', 'like');
    const merged = b.concat([avg, max], 'merged');
    b.output('logits', b.add([like, like], 'sum'));
    b.output('others', merged);
    const graph = b.build();
    const shapes = inferShapes(graph, { image: [17, 21] });
    expect(Object.fromEntries([...shapes].filter(([name]) => name !== 'image'))).toEqual({
      strided: [8, 9, 11],
      dilated: [8, 5, 7],
      depthwise: [8, 4, 5],
      grouped: [6, 4, 5],
      bn: [6, 4, 5],
      prelu: [6, 4, 5],
      'prelu-shared': [6, 4, 5],
      relu: [6, 4, 5],
      relu6: [6, 4, 5],
      sigmoid: [6, 4, 5],
      tanh: [6, 4, 5],
      product: [6, 4, 5],
      dropout: [6, 4, 5],
      identity: [6, 4, 5],
      up: [4, 10, 14],
      avg: [4, 5, 7],
      max: [4, 5, 7],
      bins: [4, 2, 3],
      gap: [4, 1, 1],
      sized: [4, 7, 11],
      scaled: [4, 7, 10],
      like: [4, 17, 21],
      merged: [8, 5, 7],
      sum: [4, 17, 21],
    });
    expect(new Set(graph.nodes.map((n) => n.spec.op))).toEqual(new Set(Object.keys(EVERY_OP)));
    // Parameters the shape-preserving ops were checked against: [C] per channel, [1] shared.
    const paramShapes = Object.fromEntries(graph.params.map((p) => [p.name, p.shape]));
    expect(paramShapes).toMatchObject({
      'depthwise.weight': [8, 1, 3, 3],
      'grouped.weight': [6, 4, 1, 1],
      'bn.weight': [6],
      'bn.running_var': [6],
      'prelu.weight': [6],
      'prelu-shared.weight': [1],
    });
    expect(windowOutputSize(360, 3, 2, 1)).toBe(180);
    expect(windowOutputSize(45, 3, 1, 16, 16)).toBe(45);
  });

  it('names the concat whose inputs disagree (ESPNet at a height that is not a multiple of 8)', () => {
    // 361 -> 181 -> 91 -> 46; doubled 92 != 91 at the decoder's first concat.
    expect(() => inferShapes(buildEspnet().graph, { image: [361, 480] })).toThrow(
      'node "combine_l2_l3.0.concat": (concat) input "up_l3.0" is 92x120, "level3_C.conv" is 91x120: spatial sizes must match',
    );
  });

  const small = () => {
    const b = new GraphBuilder();
    const x = b.input('image', 3);
    return { b, x };
  };

  it('names the node of a shape mismatch in an element-wise op', () => {
    const { b, x } = small();
    const y = b.conv(x, { name: 'y', out: 4, kernel: 1 });
    b.output('logits', b.add([x, y], 'sum'));
    expect(() => inferShapes(b.build(), { image: [4, 4] })).toThrow('node "sum": (add) input "y" has shape [4, 4, 4], "image" has [3, 4, 4]');
  });

  it('names the node whose output would be empty', () => {
    const { b, x } = small();
    b.output('logits', b.conv(x, { name: 'wide', out: 2, kernel: 5, padding: 0 }));
    expect(() => inferShapes(b.build(), { image: [3, 8] })).toThrow('node "wide": (conv2d) output would be -1x4: the input is too small');
  });

  it('names the node whose bins do not fit', () => {
    const { b, x } = small();
    b.output('logits', b.adaptiveAvgPool(x, 6, 'ppm'));
    expect(() => inferShapes(b.build(), { image: [5, 8] })).toThrow('node "ppm": (adaptiveAvgPool2d) 6x6 bins do not fit a 5x8 input');
  });

  it('checks parameter shapes and declarations of hand-written graphs', () => {
    const { b, x } = small();
    b.output('logits', b.conv(x, { name: 'conv', out: 4, kernel: 3 }));
    const graph = b.build();
    const withParams = (params: Graph['params']): Graph => ({ ...graph, params });
    const resized = graph.params.map((p) => (p.name === 'conv.weight' ? { ...p, shape: [4, 2, 3, 3] } : p));
    expect(() => inferShapes(withParams(resized), { image: [8, 8] })).toThrow(
      'node "conv": (conv2d) parameter "conv.weight" has shape [4, 2, 3, 3], expected [4, 3, 3, 3]',
    );
    expect(() => inferShapes(withParams(graph.params.slice(1)), { image: [8, 8] })).toThrow('node "conv": (conv2d) parameter "conv.weight" is not declared');
    const extra = [...graph.params, { ...graph.params[1]!, name: 'orphan.bias' }];
    expect(() => inferShapes(withParams(extra), { image: [8, 8] })).toThrow('node "orphan.bias": parameter is declared but no node uses it');
  });

  it('names graph inputs without a size and outputs without a value', () => {
    const { b, x } = small();
    b.output('logits', x);
    const graph = b.build();
    expect(() => inferShapes(graph, {})).toThrow('node "image": no size given for this graph input');
    expect(() => inferShapes(graph, { image: [0, 4] })).toThrow('node "image": input size [0, 4] must be positive');
    expect(() => inferShapes({ ...graph, outputs: { logits: 'nothing' } }, { image: [4, 4] })).toThrow(
      'node "nothing": output "logits" names a value that does not exist',
    );
  });

  it('names a node that reads a value defined after it', () => {
    const { b, x } = small();
    const a = b.relu(x, 'a');
    b.output('logits', b.relu(a, 'b'));
    const graph = b.build();
    const reordered: Graph = { ...graph, nodes: [graph.nodes[1]!, graph.nodes[0]!] };
    expect(() => inferShapes(reordered, { image: [4, 4] })).toThrow('node "b": (relu) input "a" is not defined before this node');
  });
});
