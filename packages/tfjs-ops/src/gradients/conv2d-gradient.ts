import * as tf from '@tensorflow/tfjs-core';
import { convInfo, isDilated, type ConvAttributes } from '../conv/conv-info.js';
import { conv2dFilterGradient } from '../conv/conv2d-filter-gradient.js';
import { conv2dInputGradient } from '../conv/conv2d-input-gradient.js';
import { kernelAttrs, namedAttrs } from '../kernels/kernel-attrs.js';

/**
 * The Conv2D gradient, replacing tfjs's, which refuses dilation rates above 1 (ESPNet's and the
 * dilated backbones' convolutions). Undilated convolutions keep tfjs's route through the
 * Conv2DBackpropInput/Filter kernels (the cpu backend's reference kernels, this package's on wasm);
 * dilated ones use the same composite computations directly, since those kernels have no dilation.
 */
export const conv2dGradient: tf.GradConfig = {
  kernelName: tf.Conv2D,
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
    const convAttrs = kernelAttrs<ConvAttributes>(attrs);
    const info = convInfo(x.shape, filter.shape, convAttrs, false, `${tf.Conv2D} gradient`);
    const dy4 = dy as tf.Tensor4D;
    if (isDilated(info)) {
      return { x: () => conv2dInputGradient(dy4, filter, info), filter: () => conv2dFilterGradient(x, dy4, info) };
    }
    const { strides, pad, dimRoundingMode } = convAttrs;
    const common = namedAttrs({ strides, pad, dataFormat: 'NHWC', dimRoundingMode });
    return {
      x: () => tf.engine().runKernel(tf.Conv2DBackpropInput, { dy: dy4, filter }, { ...common, inputShape: x.shape }) as tf.Tensor4D,
      filter: () => tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy: dy4 }, { ...common, filterShape: filter.shape }) as tf.Tensor4D,
    };
  },
};
