import * as tf from '@tensorflow/tfjs-core';
import { depthwiseInputGradient } from '../conv/depthwise-input-gradient.js';
import { infoPadding, type ConvInfo } from '../conv/conv-info.js';
import { oneHotTapFilter } from '../conv/one-hot-tap-filter.js';

/**
 * Gradient of a max pool: each window's output gradient goes to the first tap (row-major, padding
 * skipped) that holds the window's maximum `y`, the cpu reference kernel's rule. The windows are
 * laid out along the channels by a depthwise convolution with one-hot filters; the gradients go
 * back through that convolution's input gradient.
 *
 * `info` is the geometry of that depthwise convolution: the pool's window, stride and padding with
 * a [kh, kw, C, kh * kw] filter.
 */
export function maxPoolGradient(dy: tf.Tensor4D, x: tf.Tensor4D, y: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  const { filterHeight: kh, filterWidth: kw, inChannels: channels, batchSize, outHeight, outWidth } = info;
  const taps = kh * kw;
  return tf.tidy(() => {
    const filter = oneHotTapFilter(kh, kw, channels);
    const windows = tf.reshape(tf.depthwiseConv2d(x, filter, [info.strideHeight, info.strideWidth], infoPadding(info)), [
      batchSize,
      outHeight,
      outWidth,
      channels,
      taps,
    ]);
    const holdsMax = tf.mul(tf.cast(tf.equal(windows, tf.expandDims(y, 4)), 'float32'), insideTaps(info));
    const firstMax = tf.mul(holdsMax, tf.cast(tf.equal(tf.cumsum(holdsMax, 4), 1), 'float32'));
    const routed = tf.reshape(tf.mul(firstMax, tf.expandDims(dy, 4)), [batchSize, outHeight, outWidth, channels * taps]) as tf.Tensor4D;
    return depthwiseInputGradient(routed, filter, info);
  });
}

/** [1, OH, OW, 1, taps]: 1 where a window's tap reads the input, 0 where it reads padding. */
function insideTaps(info: ConvInfo): tf.Tensor {
  const { filterHeight: kh, filterWidth: kw, outHeight, outWidth } = info;
  const values = new Float32Array(outHeight * outWidth * kh * kw);
  for (let i = 0; i < outHeight; i++)
    for (let j = 0; j < outWidth; j++)
      for (let a = 0; a < kh; a++)
        for (let b = 0; b < kw; b++) {
          const row = i * info.strideHeight - info.padInfo.top + a;
          const col = j * info.strideWidth - info.padInfo.left + b;
          const inside = row >= 0 && row < info.inHeight && col >= 0 && col < info.inWidth;
          values[((i * outWidth + j) * kh + a) * kw + b] = inside ? 1 : 0;
        }
  return tf.tensor(values, [1, outHeight, outWidth, 1, kh * kw]);
}
