import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ConfigError } from '@vidseg/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveLrMultipliers } from './lr-multipliers.js';
import { learningRateAt } from './poly-schedule.js';
import { SgdOptimizer } from './sgd-optimizer.js';

describe('SgdOptimizer', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('follows torch.optim.SGD (momentum, weight decay, dampening 0) with per-parameter rates, computed by hand', async () => {
    const p = tf.variable(tf.tensor1d([1, -2]));
    const q = tf.variable(tf.tensor1d([0.5]));
    const optimizer = new SgdOptimizer({ momentum: 0.9, weightDecay: 0.1 });
    const params = new Map([['p', p], ['q', q]]);
    const multipliers = new Map([['q', 10]]);
    // Step 1: g = grad + 0.1 p; buf = g; p -= lr * buf.
    optimizer.apply(params, new Map([['p', tf.tensor1d([0.5, 0.5])], ['q', tf.tensor1d([1])]]), 0.1, multipliers);
    // p: g = [0.6, 0.3] -> p = [0.94, -2.03]; q: g = 1.05 -> q = 0.5 - 1 * 1.05 = -0.55.
    expect(Array.from(await p.data())).toEqual([expect.closeTo(0.94, 6), expect.closeTo(-2.03, 6)]);
    expect((await q.data())[0]).toBeCloseTo(-0.55, 6);
    // Step 2 (lr 0.05): g = [0.5 + 0.094, 0.5 - 0.203]; buf = 0.9 [0.6, 0.3] + g = [1.134, 0.567].
    optimizer.apply(params, new Map([['p', tf.tensor1d([0.5, 0.5])]]), 0.05, multipliers);
    expect(Array.from(await p.data())).toEqual([expect.closeTo(0.94 - 0.05 * 1.134, 6), expect.closeTo(-2.03 - 0.05 * 0.567, 6)]);
    expect((await q.data())[0]).toBeCloseTo(-0.55, 6); // no gradient: untouched
    const state = await optimizer.state();
    expect(Array.from(state.get('p')!.data as Float32Array)).toEqual([expect.closeTo(1.134, 5), expect.closeTo(0.567, 5)]);
    const restored = new SgdOptimizer({ momentum: 0.9, weightDecay: 0.1 });
    expect(() => restored.load(new Map([['r', state.get('p')!]]), params, 'ckpt')).toThrow('ckpt: momentum buffer "r" belongs to no trainable parameter');
    restored.load(state, params, 'ckpt');
    expect(await restored.state()).toEqual(state);
    optimizer.dispose();
    restored.dispose();
    tf.dispose([p, q]);
  });
});

describe('learningRateAt', () => {
  it('warms up linearly, then decays as base * (1 - step / steps)^power', () => {
    const schedule = { baseLr: 0.01, steps: 100, warmupSteps: 4, power: 0.9 };
    expect([0, 1, 2, 3].map((s) => learningRateAt(schedule, s))).toEqual([0.0025, 0.005, 0.0075, 0.01]);
    expect(learningRateAt(schedule, 50)).toBeCloseTo(0.01 * 0.5 ** 0.9, 12);
    expect(learningRateAt(schedule, 99)).toBeCloseTo(0.01 * 0.01 ** 0.9, 12);
    expect(learningRateAt({ ...schedule, warmupSteps: 0 }, 0)).toBe(0.01);
  });
});

describe('resolveLrMultipliers', () => {
  const groups = new Map([
    ['encoder.conv.weight', 'backbone'],
    ['decoder.conv.weight', 'head'],
    ['decoder.up.weight', 'head'],
  ]);

  it('matches groups and name prefixes, the longest prefix first, and 1x elsewhere', () => {
    const result = resolveLrMultipliers(groups, { head: 10, 'decoder.up': 5 });
    expect(Object.fromEntries(result)).toEqual({ 'encoder.conv.weight': 1, 'decoder.conv.weight': 10, 'decoder.up.weight': 5 });
  });

  it('rejects a key that matches no parameter, at its config path', () => {
    expect(() => resolveLrMultipliers(groups, { heads: 10 }, 'run.yaml')).toThrow(ConfigError);
    expect(() => resolveLrMultipliers(groups, { heads: 10 })).toThrow(/train\.lrMultipliers\.heads: matches no trainable parameter: use a parameter group \(backbone, head, reinitialized with model.init\)/);
  });

  it('gives the parameters model.init did not load the "reinitialized" rate, over their group but under a prefix', () => {
    const fresh = new Set(['decoder.conv.weight', 'decoder.up.weight']);
    const result = resolveLrMultipliers(groups, { head: 10, reinitialized: 20, 'decoder.up': 5 }, undefined, fresh);
    expect(Object.fromEntries(result)).toEqual({ 'encoder.conv.weight': 1, 'decoder.conv.weight': 20, 'decoder.up.weight': 5 });
    // "head" still names parameters (overridden here): not a mistake. "reinitialized" without any is one.
    expect(() => resolveLrMultipliers(groups, { reinitialized: 10 })).toThrow(/lrMultipliers\.reinitialized: matches no trainable parameter: the group "reinitialized" holds the parameters model\.init did not load/);
  });
});
