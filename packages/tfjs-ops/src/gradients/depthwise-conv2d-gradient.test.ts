import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, useBackend, valuesOn } from '../../test/backends.js';
import { CONV_CASES } from '../../test/conv-cases.js';
import { expectGradientsMatchNumerical, relativeMaxError } from '../../test/gradient-check.js';
import { uniformValues } from '../../test/random.js';
import { stuffKernel, unstuffKernel } from '../../test/stuff-kernel.js';

const X_SHAPE = [2, 7, 6, 3];
const CASES = CONV_CASES.flatMap((conv) => [1, 2].map((multiplier) => ({ ...conv, multiplier })));

describe.each(BACKENDS)('DepthwiseConv2dNative gradient on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(CASES)('$name, multiplier $multiplier: matches numerical gradients for x and filter', (conv) => {
    const filterShape = [...conv.kernel, 3, conv.multiplier];
    expectGradientsMatchNumerical(
      (x, w) => tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, conv.strides, conv.pad, 'NHWC', conv.dilations),
      [
        { values: uniformValues(2 * 7 * 6 * 3, 1), shape: X_SHAPE },
        { values: uniformValues(filterShape.reduce((a, b) => a * b), 2), shape: filterShape },
      ],
      { step: 0.5, tolerance: 1e-4 },
    );
  });
});

describe('dilated DepthwiseConv2dNative gradient against an independent reference', () => {
  // The undilated depthwise convolution with a zero-stuffed kernel, differentiated by the cpu
  // backend's reference kernels.
  it.each(CASES.filter((c) => c.dilations.some((d) => d > 1)))('$name, multiplier $multiplier, on cpu and wasm', async (conv) => {
    const filterShape: [number, number, number, number] = [...conv.kernel, 3, conv.multiplier];
    const xValues = uniformValues(2 * 7 * 6 * 3, 3);
    const wValues = uniformValues(filterShape.reduce((a, b) => a * b), 4);
    const gradientsOf = (dilated: boolean) => () => {
      const x = tf.tensor4d(xValues, [2, 7, 6, 3]);
      const w = tf.tensor4d(wValues, filterShape);
      const loss = (input: tf.Tensor, filter: tf.Tensor) => {
        const y = tf.depthwiseConv2d(input as tf.Tensor4D, filter as tf.Tensor4D, conv.strides, conv.pad, 'NHWC', dilated ? conv.dilations : 1);
        return tf.sum(tf.mul(y, tf.tensor(uniformValues(y.size, 5), y.shape)));
      };
      const [dx, dFilter] = tf.grads(loss)([x, dilated ? w : stuffKernel(w, conv.dilations)]);
      return [dx!, dilated ? dFilter! : unstuffKernel(dFilter as tf.Tensor4D, conv.dilations)];
    };
    const reference = await valuesOn('cpu', gradientsOf(false));
    for (const backend of BACKENDS) {
      expect(relativeMaxError(await valuesOn(backend, gradientsOf(true)), reference), backend).toBeLessThan(1e-5);
    }
  });
});
