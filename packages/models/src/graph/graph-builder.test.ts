import { describe, expect, it } from 'vitest';
import { GraphBuilder } from './graph-builder.js';
import { GraphError } from './graph-error.js';

describe('GraphBuilder', () => {
  it('names parameters as PyTorch state dicts, in PyTorch layouts', () => {
    const b = new GraphBuilder();
    const x = b.input('image', 3);
    const conv = b.conv(x, { name: 'stem.conv', out: 8, kernel: [3, 5], stride: 2, bias: false });
    const bn = b.batchNorm(conv, { name: 'stem.bn', eps: 1e-3 });
    const up = b.convTranspose(bn, { name: 'up', out: 4, kernel: 2, stride: 2 });
    b.output('logits', b.prelu(up, { name: 'act' }));
    const graph = b.build();
    expect(graph.params.map((p) => [p.name, p.shape, p.trainable])).toEqual([
      ['stem.conv.weight', [8, 3, 3, 5], true],
      ['stem.bn.weight', [8], true],
      ['stem.bn.bias', [8], true],
      ['stem.bn.running_mean', [8], false],
      ['stem.bn.running_var', [8], false],
      ['up.weight', [8, 4, 2, 2], true],
      ['up.bias', [4], true],
      ['act.weight', [4], true],
    ]);
    expect(graph.nodes[0]!.spec).toEqual({ op: 'conv2d', outChannels: 8, kernel: [3, 5], stride: [2, 2], padding: [1, 2], dilation: [1, 1], groups: 1, bias: false });
    expect(graph.nodes[1]!.params).toEqual({
      weight: 'stem.bn.weight',
      bias: 'stem.bn.bias',
      runningMean: 'stem.bn.running_mean',
      runningVar: 'stem.bn.running_var',
    });
    expect(graph.nodes[1]!.spec).toEqual({ op: 'batchNorm', eps: 1e-3, momentum: 0.1 });
    expect(graph.outputs).toEqual({ logits: 'act' });
  });

  it('gives dilated convs "same" padding and depthwise convs one filter per channel', () => {
    const b = new GraphBuilder();
    const x = b.input('image', 6);
    const dw = b.depthwiseConv(x, { name: 'dw', kernel: 3, dilation: 4 });
    b.output('logits', dw);
    const graph = b.build();
    expect(graph.nodes[0]!.spec).toMatchObject({ padding: [4, 4], dilation: [4, 4], groups: 6, outChannels: 6 });
    expect(graph.params[0]!.shape).toEqual([6, 1, 3, 3]);
    expect(graph.params[0]!.init).toEqual({ kind: 'he-normal', fanIn: 9 });
  });

  it('assigns parameters to the current LR group and restores the previous one, even after a throw', () => {
    const b = new GraphBuilder();
    const x = b.input('image', 3);
    const a = b.conv(x, { name: 'a', out: 2, kernel: 1 });
    expect(() => b.group('head', () => b.conv(a, { name: 'bad', out: 2, kernel: 2 }))).toThrow(GraphError);
    const head = b.group('head', () => b.conv(a, { name: 'head', out: 2, kernel: 1 }));
    b.output('logits', b.conv(head, { name: 'c', out: 2, kernel: 1 }));
    expect(b.build().params.map((p) => `${p.name}:${p.group}`)).toEqual([
      'a.weight:backbone',
      'a.bias:backbone',
      'head.weight:head',
      'head.bias:head',
      'c.weight:backbone',
      'c.bias:backbone',
    ]);
  });

  it('generates unique names for unnamed parameter-free nodes', () => {
    const b = new GraphBuilder();
    const x = b.input('relu_1', 3);
    const y = b.relu(b.relu(x));
    b.output('logits', y);
    expect(b.build().nodes.map((n) => n.name)).toEqual(['relu_2', 'relu_3']);
  });

  it('rejects what cannot form a graph, naming the node', () => {
    const b = new GraphBuilder();
    const x = b.input('image', 6);
    b.conv(x, { name: 'conv', out: 4, kernel: 3 });
    expect(() => b.conv(x, { name: 'conv', out: 4, kernel: 3 })).toThrow('node "conv": name is used twice');
    expect(() => b.conv(x, { name: 'even', out: 4, kernel: 2 })).toThrow('node "even": "same" padding is not an integer for kernel 2x2: give padding explicitly');
    expect(() => b.conv(x, { name: 'grouped', out: 4, kernel: 1, groups: 4 })).toThrow('node "grouped": groups=4 does not divide 6 input channels');
    expect(() => b.dropout(x, 1, 'drop')).toThrow('node "drop": rate must be in [0, 1), got 1');
    const foreign = new GraphBuilder().input('other', 6);
    expect(() => b.relu(foreign, 'r')).toThrow('node "r": input "other" is not part of this graph');
    b.output('logits', x);
    expect(() => b.output('logits', x)).toThrow('output "logits" is already set to "image"');
  });

  it('leaves no parameter behind when it rejects a node', () => {
    const b = new GraphBuilder();
    const x = b.input('image', 3);
    const conv = b.conv(x, { name: 'conv', out: 3, kernel: 1 });
    expect(() => b.batchNorm(x, { name: 'conv' })).toThrow('node "conv": name is used twice');
    expect(() => b.prelu(new GraphBuilder().input('elsewhere', 3), { name: 'act' })).toThrow(GraphError);
    b.output('logits', conv);
    expect(b.build().params.map((p) => p.name)).toEqual(['conv.weight', 'conv.bias']);
  });

  it('needs an input and an output', () => {
    expect(() => new GraphBuilder().build()).toThrow('node "(graph)": has no input');
    const b = new GraphBuilder();
    b.input('image', 3);
    expect(() => b.build()).toThrow('node "(graph)": has no output');
  });
});
