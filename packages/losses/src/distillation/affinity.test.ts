import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../../test/gradient-check.js';
import { Nhwc, randomValues } from '../../test/nhwc.js';
import { referencePool } from '../../test/reference/affinity-reference.js';
import { BACKENDS, useBackend } from '../../test/tf-setup.js';
import { assertAffinityBudget, cosineAffinity, poolGrid } from './affinity.js';

describe.each(BACKENDS)('affinity helpers on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('computes cosine affinities between positions by hand, with 0 for an all-zero vector', async () => {
    // a: positions (1, 0), (1, 1), (0, 0); b: positions (0, 2), (3, 0).
    const a = tf.tensor4d([1, 0, 1, 1, 0, 0], [1, 1, 3, 2]);
    const b = tf.tensor4d([0, 2, 3, 0], [1, 2, 1, 2]);
    const affinity = cosineAffinity(a, b);
    expect(affinity.shape).toEqual([1, 3, 2]);
    expectClose(await affinity.data(), [0, 1, Math.SQRT1_2, Math.SQRT1_2, 0, 0], 1e-6);
    tf.dispose([a, b, affinity]);
  });

  it('average-pools on a grid of stride = window, dropping the remainder', async () => {
    const values = randomValues(2 * 5 * 7 * 3, 9);
    const x = tf.tensor4d(values, [2, 5, 7, 3]);
    const pooled = poolGrid(x, 2, 'x');
    const reference = referencePool(new Nhwc([2, 5, 7, 3], values), 2);
    expect(pooled.shape).toEqual([...reference.shape]);
    expectClose(await pooled.data(), reference.data, 1e-6);
    expect(poolGrid(x, 1, 'x')).toBe(x);
    expect(() => poolGrid(x, 6, 'student features')).toThrow('student features [2, 5, 7, 3] is smaller than the pool size 6');
    tf.dispose([x, pooled]);
  });

  it('refuses an affinity over the element budget with the numbers and the options to change', () => {
    expect(() => assertAffinityBudget('pair-wise-frame', 2, [10, 10], 20_000)).not.toThrow();
    expect(() => assertAffinityBudget('pair-wise-frame', 2, [10, 10], 19_999)).toThrow(UsageError);
    expect(() => assertAffinityBudget('pair-wise-frame', 2, [10, 10], 19_999)).toThrow(
      /pair-wise-frame: the affinity would have 2 x 100 x 100 = 20000 elements \(pooled grid 10x10\)/,
    );
    expect(() => assertAffinityBudget('pair-wise-frame', 2, [10, 10], 19_999)).toThrow(/over the budget of 19999\n {2}hint: raise poolSize/);
  });
});

describe('assertAffinityBudget', () => {
  it('refuses a pooled grid of one position, whose affinity is constant', () => {
    expect(() => assertAffinityBudget('multi-frame', 2, [1, 1], 1000)).toThrow(/pooled grid is 1x1: with fewer than 2 positions/);
    expect(() => assertAffinityBudget('multi-frame', 2, [1, 2], 1000)).not.toThrow();
  });
});
