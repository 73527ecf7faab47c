import * as tf from '@tensorflow/tfjs-core';
import { convInfo, isDilated, type ConvAttributes } from '../conv/conv-info.js';
import { depthwiseFilterGradient } from '../conv/depthwise-filter-gradient.js';
import { depthwiseInputGradient } from '../conv/depthwise-input-gradient.js';
import { kernelAttrs, namedAttrs } from '../kernels/kernel-attrs.js';

/**
 * The DepthwiseConv2dNative gradient, replacing tfjs's, which refuses dilation rates above 1 (the
 * cpu backend's depthwise gradient kernels ignore dilation). Undilated convolutions keep tfjs's
 * route through the DepthwiseConv2dNativeBackpropInput/Filter kernels; dilated ones use the same
 * composite computations directly.
 */
export const depthwiseConv2dGradient: tf.GradConfig = {
  kernelName: tf.DepthwiseConv2dNative,
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
    const convAttrs = kernelAttrs<ConvAttributes>(attrs);
    const info = convInfo(x.shape, filter.shape, convAttrs, true, `${tf.DepthwiseConv2dNative} gradient`);
    const dy4 = dy as tf.Tensor4D;
    if (isDilated(info)) {
      return { x: () => depthwiseInputGradient(dy4, filter, info), filter: () => depthwiseFilterGradient(x, dy4, info) };
    }
    const { strides, pad, dimRoundingMode } = convAttrs;
    const common = namedAttrs({ strides, pad, dilations: 1, dimRoundingMode });
    return {
      x: () =>
        tf.engine().runKernel(tf.DepthwiseConv2dNativeBackpropInput, { dy: dy4, filter }, { ...common, inputShape: x.shape }) as tf.Tensor4D,
      filter: () =>
        tf.engine().runKernel(tf.DepthwiseConv2dNativeBackpropFilter, { x, dy: dy4 }, { ...common, filterShape: filter.shape }) as tf.Tensor4D,
    };
  },
};
