import { describe, expect, it } from 'vitest';
import { GraphBuilder } from './graph-builder.js';
import { initializeParameters } from './initialize-parameters.js';

function graph() {
  const b = new GraphBuilder();
  const x = b.input('image', 16);
  const conv = b.conv(x, { name: 'conv', out: 64, kernel: 3 });
  b.output('logits', b.prelu(b.batchNorm(conv, { name: 'bn' }), { name: 'act' }));
  return b.build();
}

describe('initializeParameters', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = initializeParameters(graph(), 3);
    const again = initializeParameters(graph(), 3);
    const other = initializeParameters(graph(), 4);
    expect(a.get('conv.weight')!.data).toEqual(again.get('conv.weight')!.data);
    expect(a.get('conv.weight')!.data).not.toEqual(other.get('conv.weight')!.data);
  });

  it('draws conv weights He-normal and sets the declared constants', () => {
    const tensors = initializeParameters(graph(), 1);
    const weight = tensors.get('conv.weight')!;
    expect(weight.shape).toEqual([64, 16, 3, 3]);
    const values = Array.from(weight.data as Float32Array);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    // 9216 draws: the sample std is within a few percent of sqrt(2 / fan_in), fan_in = 16 * 9.
    expect(Math.abs(std / Math.sqrt(2 / 144) - 1)).toBeLessThan(0.03);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    const constant = (name: string) => [...new Set(tensors.get(name)!.data as Float32Array)];
    expect(constant('conv.bias')).toEqual([0]);
    expect(constant('bn.weight')).toEqual([1]);
    expect(constant('bn.bias')).toEqual([0]);
    expect(constant('bn.running_mean')).toEqual([0]);
    expect(constant('bn.running_var')).toEqual([1]);
    expect(constant('act.weight')).toEqual([0.25]);
  });
});
