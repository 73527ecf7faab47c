import * as tf from '@tensorflow/tfjs-core';
import { infoPadding, type ConvInfo } from './conv-info.js';

/**
 * Gradient of a depthwise convolution with respect to its filter, [kh, kw, channels, multiplier],
 * for any stride, dilation and padding: per channel, the input correlated with that channel's
 * output gradients, which is a depthwise convolution of the input with the output gradient as the
 * filter (the stride and the dilation trading places). The batch is folded into the channels and
 * summed afterwards.
 */
export function depthwiseFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  const { batchSize: n, inHeight, inWidth, inChannels: channels, outHeight, outWidth, filterHeight: kh, filterWidth: kw } = info;
  const multiplier = info.outChannels / channels;
  return tf.tidy(() => {
    const image = tf.reshape(n === 1 ? x : tf.transpose(x, [1, 2, 0, 3]), [1, inHeight, inWidth, n * channels]) as tf.Tensor4D;
    const kernel = tf.reshape(n === 1 ? dy : tf.transpose(dy, [1, 2, 0, 3]), [outHeight, outWidth, n * channels, multiplier]) as tf.Tensor4D;
    const correlation = tf.depthwiseConv2d(image, kernel, [info.dilationHeight, info.dilationWidth], infoPadding(info), 'NHWC', [
      info.strideHeight,
      info.strideWidth,
    ]);
    const perImage = tf.reshape(tf.slice(correlation, [0, 0, 0, 0], [1, kh, kw, -1]), [kh, kw, n, channels * multiplier]);
    return tf.reshape(n === 1 ? perImage : tf.sum(perImage, 2), [kh, kw, channels, multiplier]) as tf.Tensor4D;
  });
}
