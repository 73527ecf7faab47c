import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, useBackend, valuesOn } from '../../test/backends.js';
import { CONV_CASES } from '../../test/conv-cases.js';
import { expectGradientsMatchNumerical, relativeMaxError } from '../../test/gradient-check.js';
import { uniformValues } from '../../test/random.js';
import { stuffKernel, unstuffKernel } from '../../test/stuff-kernel.js';

const X_SHAPE = [2, 7, 6, 3];
const OUT_CHANNELS = 4;

describe.each(BACKENDS)('Conv2D gradient on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(CONV_CASES)('$name: matches numerical gradients for x and filter', (conv) => {
    const filterShape = [...conv.kernel, 3, OUT_CHANNELS];
    expectGradientsMatchNumerical(
      (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, conv.strides, conv.pad, 'NHWC', conv.dilations),
      [
        { values: uniformValues(2 * 7 * 6 * 3, 1), shape: X_SHAPE },
        { values: uniformValues(filterShape.reduce((a, b) => a * b), 2), shape: filterShape },
      ],
      { step: 0.5, tolerance: 1e-4 },
    );
  });
});

describe('dilated Conv2D gradient against an independent reference', () => {
  // A dilated convolution is the undilated convolution with the kernel's taps spread apart by zeros;
  // the cpu backend differentiates that one with its reference kernels.
  it.each(CONV_CASES.filter((c) => c.dilations.some((d) => d > 1)))('$name, on cpu and wasm', async (conv) => {
    const [kh, kw] = conv.kernel;
    const xValues = uniformValues(2 * 7 * 6 * 3, 3);
    const wValues = uniformValues(kh * kw * 3 * OUT_CHANNELS, 4);
    const gradientsOf = (dilated: boolean) => () => {
      const x = tf.tensor4d(xValues, [2, 7, 6, 3]);
      const w = tf.tensor4d(wValues, [kh, kw, 3, OUT_CHANNELS]);
      const stuffed = stuffKernel(w, conv.dilations);
      const loss = (input: tf.Tensor, filter: tf.Tensor) => {
        const y = tf.conv2d(input as tf.Tensor4D, filter as tf.Tensor4D, conv.strides, conv.pad, 'NHWC', dilated ? conv.dilations : 1);
        return tf.sum(tf.mul(y, tf.tensor(uniformValues(y.size, 5), y.shape)));
      };
      const [dx, dFilter] = tf.grads(loss)([x, dilated ? w : stuffed]);
      const taps = dilated ? dFilter! : unstuffKernel(dFilter as tf.Tensor4D, conv.dilations);
      return [dx!, taps];
    };
    const reference = await valuesOn('cpu', gradientsOf(false));
    for (const backend of BACKENDS) {
      expect(relativeMaxError(await valuesOn(backend, gradientsOf(true)), reference), backend).toBeLessThan(1e-5);
    }
  });
});
