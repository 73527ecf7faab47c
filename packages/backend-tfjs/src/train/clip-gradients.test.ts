import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipGradientsByGlobalNorm } from './clip-gradients.js';

describe('clipGradientsByGlobalNorm', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const gradients = () =>
    new Map<string, tf.Tensor>([
      ['a', tf.tensor1d([3, 0])],
      ['b', tf.tensor2d([[0], [4]])],
    ]);

  it('scales every gradient to the maximum global norm when larger, and returns the norm before', async () => {
    const grads = gradients();
    expect(await clipGradientsByGlobalNorm(grads, 1)).toBeCloseTo(5, 5);
    expect(Array.from(await grads.get('a')!.data())).toEqual([expect.closeTo(0.6, 5), 0]);
    expect(Array.from(await grads.get('b')!.data())).toEqual([0, expect.closeTo(0.8, 5)]);
    expect(grads.get('b')!.shape).toEqual([2, 1]);
    tf.dispose([...grads.values()]);
  });

  it('leaves gradients under the maximum as they are, without leaking tensors', async () => {
    const grads = gradients();
    const before = tf.memory().numTensors;
    expect(await clipGradientsByGlobalNorm(grads, 10)).toBeCloseTo(5, 5);
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(await grads.get('a')!.data())).toEqual([3, 0]);
    tf.dispose([...grads.values()]);
  });
});
