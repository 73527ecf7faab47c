import * as tf from '@tensorflow/tfjs-core';
import { convInfo, type ConvAttributes } from '../conv/conv-info.js';
import { conv2dFilterGradient } from '../conv/conv2d-filter-gradient.js';
import { tensorKernel } from './tensor-kernel.js';
import { kernelAttrs } from './kernel-attrs.js';

/**
 * Conv2DBackpropFilter for wasm, which ships none (so tfjs's Conv2D, FusedConv2D and transposed
 * convolution gradients fail there): the im2col matrix product of `conv2dFilterGradient`.
 */
export const conv2dBackpropFilterWasm = tensorKernel(tf.Conv2DBackpropFilter, 'wasm', (inputs, attrs) => {
  const x = inputs['x'] as tf.Tensor4D;
  const dy = inputs['dy'] as tf.Tensor4D;
  const { filterShape } = kernelAttrs<tf.Conv2DBackpropFilterAttrs>(attrs);
  const info = convInfo(x.shape, filterShape, kernelAttrs<ConvAttributes>(attrs), false, tf.Conv2DBackpropFilter);
  return conv2dFilterGradient(x, dy, info);
});
