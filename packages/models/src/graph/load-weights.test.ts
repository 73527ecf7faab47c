import { DataError, type NamedTensors } from '@vidseg/core';
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from './graph-builder.js';
import { initializeParameters } from './initialize-parameters.js';
import { loadWeights } from './load-weights.js';

function graph() {
  const b = new GraphBuilder();
  const x = b.input('image', 3);
  const features = b.relu(b.batchNorm(b.conv(x, { name: 'backbone.conv', out: 4, kernel: 3, bias: false }), { name: 'backbone.bn' }));
  b.output('logits', b.group('head', () => b.conv(features, { name: 'head.classifier', out: 2, kernel: 1 })));
  return b.build();
}

const file = (): NamedTensors => initializeParameters(graph(), 99);

describe('loadWeights', () => {
  it('takes every parameter by name and reports what it loaded', () => {
    const source = file();
    const { tensors, report } = loadWeights(graph(), source);
    expect(report).toEqual({ loaded: [...source.keys()], missing: [], unexpected: [], misshaped: [] });
    expect(tensors.get('backbone.conv.weight')).toBe(source.get('backbone.conv.weight'));
  });

  it('lists every missing, unexpected and mis-shaped tensor with the source name', () => {
    const source = file();
    source.delete('backbone.bn.running_var');
    source.set('head.extra.weight', { dtype: 'F32', shape: [2], data: new Float32Array(2) });
    source.set('head.classifier.weight', { dtype: 'F32', shape: [2, 4], data: new Float32Array(8) });
    source.set('head.classifier.bias', { dtype: 'I32', shape: [2], data: new Int32Array(2) });
    const load = () => loadWeights(graph(), source, { source: 'student.safetensors' });
    expect(load).toThrow(DataError);
    expect(load).toThrow(
      'student.safetensors: 4 tensor(s) do not fit the model:\n' +
        '  missing: backbone.bn.running_var\n' +
        '  unexpected: head.extra.weight\n' +
        '  mis-shaped: head.classifier.weight is F32 [2, 4], expected F32 [2, 4, 1, 1]\n' +
        '  mis-shaped: head.classifier.bias is I32 [2], expected F32 [2]',
    );
  });

  it('refuses NaN or infinite weights, naming each tensor and the count', () => {
    const source = file();
    source.get('backbone.conv.weight')!.data[3] = Number.NaN;
    const bias = source.get('head.classifier.bias')!.data as Float32Array;
    bias.fill(Number.POSITIVE_INFINITY);
    expect(() => loadWeights(graph(), source, { source: 'diverged.safetensors' })).toThrow(
      'diverged.safetensors: 2 tensor(s) do not fit the model:\n' +
        '  not finite: backbone.conv.weight has 1 NaN or infinite value(s)\n' +
        `  not finite: head.classifier.bias has ${bias.length} NaN or infinite value(s)`,
    );
  });

  it('loads a backbone alone and initialises the rest exactly as a fresh model with the seed', () => {
    const source = file();
    source.delete('head.classifier.weight');
    source.set('head.other.weight', { dtype: 'F32', shape: [1], data: new Float32Array(1) });
    const { tensors, report } = loadWeights(graph(), source, { include: ['backbone.'], seed: 5 });
    expect(report.loaded).toEqual(['backbone.conv.weight', 'backbone.bn.weight', 'backbone.bn.bias', 'backbone.bn.running_mean', 'backbone.bn.running_var']);
    expect(report.missing).toEqual([]);
    expect(report.unexpected).toEqual([]);
    const fresh = initializeParameters(graph(), 5);
    expect(tensors.get('head.classifier.weight')!.data).toEqual(fresh.get('head.classifier.weight')!.data);
    expect(tensors.get('backbone.conv.weight')).toBe(source.get('backbone.conv.weight'));
  });

  it('accepts extra tensors on request and still reports them', () => {
    const source = file();
    source.set('aux.classifier.weight', { dtype: 'F32', shape: [2, 4, 1, 1], data: new Float32Array(8) });
    expect(() => loadWeights(graph(), source)).toThrow('unexpected: aux.classifier.weight');
    expect(loadWeights(graph(), source, { allowUnexpected: true }).report.unexpected).toEqual(['aux.classifier.weight']);
  });
});
