import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { valuesOn } from '../../test/backends.js';
import { CONV_CASES } from '../../test/conv-cases.js';
import { relativeMaxError } from '../../test/gradient-check.js';
import { uniformValues } from '../../test/random.js';

// The wasm kernels against the cpu backend's reference kernels of the same name, on the same
// inputs. The reference kernels have no dilation, so only undilated geometries are compared here.
const UNDILATED = CONV_CASES.filter((c) => c.dilations.every((d) => d === 1));
const X_SHAPE: [number, number, number, number] = [2, 11, 9, 5];

/** Runs `kernelName` on cpu (reference) and on wasm (this package's kernel) and compares. */
async function expectWasmMatchesCpu(kernelName: string, inputs: () => tf.NamedTensorMap, attrs: tf.NamedAttrMap): Promise<void> {
  const run = () => tf.engine().runKernel(kernelName, inputs(), attrs) as tf.Tensor;
  const reference = await valuesOn('cpu', run);
  expect(reference.some((v) => v !== 0)).toBe(true);
  expect(relativeMaxError(await valuesOn('wasm', run), reference)).toBeLessThan(2e-6);
}

const outShape = (conv: (typeof CONV_CASES)[number], channels: number) =>
  tf.backend_util.computeConv2DInfo(X_SHAPE, [...conv.kernel, X_SHAPE[3], channels], conv.strides, 1, conv.pad).outShape;

describe.each(UNDILATED)('wasm conv gradient kernels, $name', (conv) => {
  const common = { strides: conv.strides, pad: conv.pad, dataFormat: 'NHWC' } as unknown as tf.NamedAttrMap;
  const x = () => tf.tensor4d(uniformValues(2 * 11 * 9 * 5, 11), X_SHAPE);
  const dyFor = (channels: number) => () => {
    const shape = outShape(conv, channels);
    return tf.tensor4d(uniformValues(shape.reduce((a, b) => a * b), 12), shape);
  };

  it.each([6, 2])('Conv2DBackpropFilter (5 -> %i channels) matches the cpu reference kernel', async (outChannels) => {
    const filterShape = [...conv.kernel, 5, outChannels];
    await expectWasmMatchesCpu(tf.Conv2DBackpropFilter, () => ({ x: x(), dy: dyFor(outChannels)() }), { ...common, filterShape });
  });

  it('Conv2DBackpropInput (replacing the shipped one) matches the cpu reference kernel', async () => {
    const filter = () => tf.tensor4d(uniformValues(conv.kernel[0] * conv.kernel[1] * 5 * 6, 13), [...conv.kernel, 5, 6]);
    await expectWasmMatchesCpu(tf.Conv2DBackpropInput, () => ({ dy: dyFor(6)(), filter: filter() }), { ...common, inputShape: X_SHAPE });
  });

  it.each([1, 2])('DepthwiseConv2dNativeBackpropFilter (multiplier %i) matches the cpu reference kernel', async (multiplier) => {
    const filterShape = [...conv.kernel, 5, multiplier];
    await expectWasmMatchesCpu(tf.DepthwiseConv2dNativeBackpropFilter, () => ({ x: x(), dy: dyFor(5 * multiplier)() }), {
      ...common,
      dilations: 1,
      filterShape,
    });
  });

  it.each([1, 2])('DepthwiseConv2dNativeBackpropInput (multiplier %i) matches the cpu reference kernel', async (multiplier) => {
    const filter = () => tf.tensor4d(uniformValues(conv.kernel[0] * conv.kernel[1] * 5 * multiplier, 14), [...conv.kernel, 5, multiplier]);
    await expectWasmMatchesCpu(tf.DepthwiseConv2dNativeBackpropInput, () => ({ dy: dyFor(5 * multiplier)(), filter: filter() }), {
      ...common,
      dilations: 1,
      inputShape: X_SHAPE,
    });
  });
});

// 32 x 32 positions: a multiple of 1024, where the pointwise filter gradient pads the positions.
describe('wasm Conv2DBackpropFilter, 1x1 on 1024 positions', () => {
  const xShape: [number, number, number, number] = [1, 32, 32, 3];
  it.each([5, 2])('3 -> %i channels matches the cpu reference kernel', async (outChannels) => {
    const x = () => tf.tensor4d(uniformValues(1024 * 3, 15), xShape);
    const dy = () => tf.tensor4d(uniformValues(1024 * outChannels, 16), [1, 32, 32, outChannels]);
    const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: [1, 1, 3, outChannels] } as unknown as tf.NamedAttrMap;
    await expectWasmMatchesCpu(tf.Conv2DBackpropFilter, () => ({ x: x(), dy: dy() }), attrs);
  });
});
