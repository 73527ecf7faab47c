import * as tf from '@tensorflow/tfjs-core';
import { convInfo, type ConvAttributes } from '../conv/conv-info.js';
import { depthwiseFilterGradient } from '../conv/depthwise-filter-gradient.js';
import { tensorKernel } from './tensor-kernel.js';
import { kernelAttrs } from './kernel-attrs.js';

/** DepthwiseConv2dNativeBackpropFilter for wasm, which ships none: `depthwiseFilterGradient`. */
export const depthwiseConv2dBackpropFilterWasm = tensorKernel(tf.DepthwiseConv2dNativeBackpropFilter, 'wasm', (inputs, attrs) => {
  const x = inputs['x'] as tf.Tensor4D;
  const dy = inputs['dy'] as tf.Tensor4D;
  const { filterShape } = kernelAttrs<tf.DepthwiseConv2dNativeBackpropFilterAttrs>(attrs);
  const info = convInfo(x.shape, filterShape, kernelAttrs<ConvAttributes>(attrs), true, tf.DepthwiseConv2dNativeBackpropFilter);
  return depthwiseFilterGradient(x, dy, info);
});
