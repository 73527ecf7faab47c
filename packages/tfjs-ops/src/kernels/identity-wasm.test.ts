import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../test/backends.js';

describe('Identity on wasm', () => {
  it('shares the values instead of copying them; they are freed with the last tensor', async () => {
    await useBackend('wasm');
    const x = tf.tensor([1, 2, 3, 4], [2, 2]);
    const backend = tf.backend() as tf.KernelBackend & { getMemoryOffset(dataId: tf.DataId): number };
    const clone = tf.clone(x);
    expect(backend.getMemoryOffset(clone.dataId), 'the same heap values').toBe(backend.getMemoryOffset(x.dataId));
    expect(backend.refCount(clone.dataId)).toBe(2);
    x.dispose();
    expect(backend.refCount(clone.dataId)).toBe(1);
    expect(Array.from(await clone.data())).toEqual([1, 2, 3, 4]);
    clone.dispose();
    expect(backend.refCount(clone.dataId)).toBe(0);
  });

  it('keeps the tensors a gradient saved valid after the forward pass disposes its own', async () => {
    await useBackend('wasm');
    const x = tf.tensor([-1, 0.5, 2, 7]);
    const dx = tf.grad((v: tf.Tensor) => tf.tidy(() => tf.sum(tf.mul(tf.relu6(v), v))))(x);
    // d/dv (relu6(v) * v) = relu6(v) + v * [0 < v <= 6]
    expect(Array.from(await dx.data())).toEqual([0, 1, 4, 6]);
    tf.dispose([x, dx]);
  });
});
