import * as tf from '@tensorflow/tfjs-core';
import { convInfo, type ConvAttributes } from '../conv/conv-info.js';
import { depthwiseInputGradient } from '../conv/depthwise-input-gradient.js';
import { tensorKernel } from './tensor-kernel.js';
import { kernelAttrs } from './kernel-attrs.js';

/** DepthwiseConv2dNativeBackpropInput for wasm, which ships none: `depthwiseInputGradient`. */
export const depthwiseConv2dBackpropInputWasm = tensorKernel(tf.DepthwiseConv2dNativeBackpropInput, 'wasm', (inputs, attrs) => {
  const dy = inputs['dy'] as tf.Tensor4D;
  const filter = inputs['filter'] as tf.Tensor4D;
  const { inputShape } = kernelAttrs<tf.DepthwiseConv2dNativeBackpropInputAttrs>(attrs);
  const info = convInfo(inputShape, filter.shape, kernelAttrs<ConvAttributes>(attrs), true, tf.DepthwiseConv2dNativeBackpropInput);
  return depthwiseInputGradient(dy, filter, info);
});
