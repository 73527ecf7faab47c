import * as tf from '@tensorflow/tfjs-core';
import { IM2COL } from './im2col-program.js';

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

/** Window columns of at most this many elements are made in one piece (else per tap; 1 GiB of float32). */
const MOST_WINDOW_ELEMENTS = 2 ** 28;

/**
 * Gradient of a (groups = 1) NHWC convolution with respect to its filter, [kh, kw, in, out], for
 * any stride, dilation and padding, shaped for GPUs: dW = windows^T * dy, the windows of every
 * filter tap side by side ([N * OH * OW, kh * kw * in], from the {@link IM2COL} kernel where the
 * backend has it: one dispatch), the output positions as the long inner dimension, which the
 * WebGPU matmul splits across workgroups; elsewhere (or for windows over 1 GiB) one product per
 * filter tap. (tfjs's Conv2DBackpropFilter shader loops over all positions in each thread: 70 % of
 * an H100 step.)
 */
export function conv2dFilterGradientByTaps(x: tf.Tensor4D, dy: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  return tf.tidy(() => {
    const rows = info.batchSize * info.outHeight * info.outWidth;
    const dyRows = tf.reshape(dy, [rows, info.outChannels]) as tf.Tensor2D;
    const shape: [number, number, number, number] = [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels];
    const taps = info.filterHeight * info.filterWidth;
    if (taps > 1 && rows * taps * info.inChannels <= MOST_WINDOW_ELEMENTS && tf.getKernel(IM2COL, tf.getBackend())) {
      const windows = tf.engine().runKernel(IM2COL, { x }, { info } as unknown as tf.NamedAttrMap) as tf.Tensor2D;
      return tf.reshape(tf.matMul(windows, dyRows, true, false), shape);
    }
    const padded = padInput(x, info);
    const products: tf.Tensor2D[] = [];
    for (let a = 0; a < info.filterHeight; a++) {
      for (let b = 0; b < info.filterWidth; b++) products.push(tf.matMul(tapWindow(padded, info, a, b), dyRows, true, false));
    }
    return tf.reshape(products.length === 1 ? products[0]! : tf.stack(products), shape);
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
