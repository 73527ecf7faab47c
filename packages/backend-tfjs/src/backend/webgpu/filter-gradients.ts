import * as tf from '@tensorflow/tfjs-core';

/** The geometry of a 2-D convolution as tfjs computes it. */
type ConvInfo = tf.backend_util.Conv2DInfo;

/**
 * The input window that filter tap (a, b) sees at every output position, as rows [N * OH * OW, C]:
 * `padded[n, p * strideH + a * dilationH, q * strideW + b * dilationW, c]`.
 */
function tapWindow(padded: tf.Tensor4D, info: ConvInfo, a: number, b: number): tf.Tensor2D {
  const top = a * info.dilationHeight;
  const left = b * info.dilationWidth;
  const window = tf.stridedSlice(
    padded,
    [0, top, left, 0],
    [info.batchSize, top + (info.outHeight - 1) * info.strideHeight + 1, left + (info.outWidth - 1) * info.strideWidth + 1, info.inChannels],
    [1, info.strideHeight, info.strideWidth, 1],
  ) as tf.Tensor4D;
  return tf.reshape(window, [info.batchSize * info.outHeight * info.outWidth, info.inChannels]);
}

/** `x` with the convolution's zero padding added (unchanged without padding). */
function padInput(x: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  const { top, bottom, left, right } = info.padInfo;
  if (top + bottom + left + right === 0) return x;
  return tf.pad(x, [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ]);
}

/**
 * Gradient of a (groups = 1) NHWC convolution with respect to its filter, [kh, kw, in, out], for
 * any stride, dilation and padding, shaped for GPUs: one matrix product per filter tap,
 * dW[a, b] = window(a, b)^T * dy, with the window's rows (every output position of every image) as
 * the long inner dimension, which tfjs's WebGPU matmul splits across workgroups. (Its own
 * Conv2DBackpropFilter shader loops over all positions in each thread: 70 % of an H100 step.)
 */
export function conv2dFilterGradientByTaps(x: tf.Tensor4D, dy: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  return tf.tidy(() => {
    const rows = info.batchSize * info.outHeight * info.outWidth;
    const dyRows = tf.reshape(dy, [rows, info.outChannels]) as tf.Tensor2D;
    const padded = padInput(x, info);
    const taps: tf.Tensor2D[] = [];
    for (let a = 0; a < info.filterHeight; a++) {
      for (let b = 0; b < info.filterWidth; b++) taps.push(tf.matMul(tapWindow(padded, info, a, b), dyRows, true, false));
    }
    const stacked = taps.length === 1 ? taps[0]! : tf.stack(taps);
    return tf.reshape(stacked, [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels]);
  });
}

/**
 * Gradient of an NHWC depthwise convolution (filter [kh, kw, C, m], output channel c * m + j) with
 * respect to its filter, for any stride, dilation and padding, shaped for GPUs: per filter tap,
 * the window times dy summed over every output position, that sum as a product with a row of ones
 * (split across workgroups by tfjs's WebGPU matmul; its DepthwiseConv2dNativeBackpropFilter shader
 * loops over all positions in each thread).
 */
export function depthwiseFilterGradientByTaps(x: tf.Tensor4D, dy: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  return tf.tidy(() => {
    const rows = info.batchSize * info.outHeight * info.outWidth;
    const channels = info.inChannels;
    const multiplier = info.outChannels / channels;
    const dyRows = tf.reshape(dy, [rows, channels, multiplier]);
    const ones = tf.fill([1, rows], 1) as tf.Tensor2D;
    const padded = padInput(x, info);
    const taps: tf.Tensor2D[] = [];
    for (let a = 0; a < info.filterHeight; a++) {
      for (let b = 0; b < info.filterWidth; b++) {
        const products = tf.mul(tf.reshape(tapWindow(padded, info, a, b), [rows, channels, 1]), dyRows);
        taps.push(tf.matMul(ones, tf.reshape(products, [rows, channels * multiplier]) as tf.Tensor2D));
      }
    }
    return tf.reshape(tf.concat(taps, 0), [info.filterHeight, info.filterWidth, channels, multiplier]);
  });
}
