import * as tf from '@tensorflow/tfjs-core';
import { convInfo, type ConvAttributes } from '../conv/conv-info.js';
import { depthwiseInputGradient } from '../conv/depthwise-input-gradient.js';
import { tensorKernel } from './tensor-kernel.js';

/** DepthwiseConv2dNativeBackpropInput for wasm, which ships none: `depthwiseInputGradient`. */
export const depthwiseConv2dBackpropInputWasm = tensorKernel(tf.DepthwiseConv2dNativeBackpropInput, 'wasm', (inputs, attrs) => {
  const dy = inputs['dy'] as tf.Tensor4D;
  const filter = inputs['filter'] as tf.Tensor4D;
  const { inputShape } = attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
  const info = convInfo(inputShape, filter.shape, attrs as unknown as ConvAttributes, true, tf.DepthwiseConv2dNativeBackpropInput);
  return depthwiseInputGradient(dy, filter, info);
});
