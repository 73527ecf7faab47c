import * as tf from '@tensorflow/tfjs-core';
import { infoPadding, type ConvInfo } from './conv-info.js';

/**
 * Gradient of a (groups = 1) convolution with respect to its filter, [kh, kw, in, out], for any
 * stride, dilation and padding: dW[a, b, i, o] = sum over batch and output positions of
 * x[p * stride + (a, b) * dilation, i] * dy[p, o], which is itself a convolution: the input with
 * batch and channels swapped ([in, H, W, N]) correlated with the output gradient as the filter
 * ([OH, OW, N, out]), the stride and the dilation trading places. One forward-convolution kernel,
 * with no im2col copy. A pointwise convolution (1x1, stride 1, no padding) is a single matrix
 * product of the transposed input and the output gradient.
 */
export function conv2dFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  const { filterHeight: kh, filterWidth: kw, inChannels, outChannels } = info;
  const p = info.padInfo;
  return tf.tidy(() => {
    if (kh * kw === 1 && info.strideHeight * info.strideWidth === 1 && p.top + p.bottom + p.left + p.right === 0) {
      const positions = info.batchSize * info.inHeight * info.inWidth;
      const product = tf.matMul(tf.transpose(tf.reshape(x, [positions, inChannels])), tf.reshape(dy, [positions, outChannels]));
      return tf.reshape(product, [1, 1, inChannels, outChannels]);
    }
    const image = tf.transpose(x, [3, 1, 2, 0]);
    const kernel = tf.transpose(dy, [1, 2, 0, 3]);
    const correlation = tf.conv2d(image, kernel, [info.dilationHeight, info.dilationWidth], infoPadding(info), 'NHWC', [
      info.strideHeight,
      info.strideWidth,
    ]);
    // The correlation may extend past the kernel where the padded input has rows no output reads.
    return tf.transpose(tf.slice(correlation, [0, 0, 0, 0], [inChannels, kh, kw, outChannels]), [1, 2, 0, 3]) as tf.Tensor4D;
  });
}
