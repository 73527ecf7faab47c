import * as tf from '@tensorflow/tfjs-core';
import { convInfo, type ConvAttributes } from '../conv/conv-info.js';
import { conv2dInputGradient } from '../conv/conv2d-input-gradient.js';
import { tensorKernel } from './tensor-kernel.js';
import { kernelAttrs } from './kernel-attrs.js';

/**
 * Conv2DBackpropInput for wasm, replacing the shipped one: that kernel is a plain loop about 10x
 * slower than the forward convolution, and it runs every conv input gradient and every transposed
 * convolution. This one is the forward convolution of `conv2dInputGradient`.
 */
export const conv2dBackpropInputWasm = tensorKernel(tf.Conv2DBackpropInput, 'wasm', (inputs, attrs) => {
  const dy = inputs['dy'] as tf.Tensor4D;
  const filter = inputs['filter'] as tf.Tensor4D;
  const { inputShape } = kernelAttrs<tf.Conv2DBackpropInputAttrs>(attrs);
  const info = convInfo(inputShape, filter.shape, kernelAttrs<ConvAttributes>(attrs), false, tf.Conv2DBackpropInput);
  return conv2dInputGradient(dy, filter, info);
});
