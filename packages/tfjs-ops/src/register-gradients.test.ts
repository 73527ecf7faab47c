import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTfjsGradients } from './register-gradients.js';

describe('registerTfjsGradients', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('makes tfjs-core gradients available in Node, where none are registered by default', async () => {
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const w = tf.variable(tf.tensor4d([0.5], [1, 1, 1, 1]));
    const loss = () => tf.sum(tf.square(tf.conv2d(x, w as tf.Tensor4D, 1, 'same'))) as tf.Scalar;
    expect(() => tf.variableGrads(loss, [w])).toThrow(/gradient function not found/i);
    await registerTfjsGradients();
    const { grads } = tf.variableGrads(loss, [w]);
    // d/dw sum((w x)^2) = 2 w sum(x^2) = 2 * 0.5 * 30 = 30.
    expect((await grads[w.name]!.data())[0]).toBeCloseTo(30, 4);
  });
});
