import * as tf from '@tensorflow/tfjs-core';
import { channelMean } from '../util/channel-mean.js';
import { windowProductSums } from '../util/channel-passes.js';
import type { ConvInfo } from './conv-info.js';
import { padForTaps, phaseReader, tapLayout, widenOutputGradient } from './tap-windows.js';

/**
 * Gradient of a depthwise convolution with respect to its filter, [kh, kw, channels, multiplier],
 * for any stride, dilation and padding, one filter tap at a time (`tapLayout`): dW[a, b, c, k] is
 * the sum over batch and output positions of the tap's input window times dy[..., c * multiplier +
 * k]. With multiplier 1, per tap and image, one `windowProductSums` (on wasm one SIMD pass over
 * the window in place); otherwise a copy of the window, a product and a per-channel mean
 * (`channelMean`) per tap. On wasm this replaced a depthwise convolution with dy as an [OH, OW]
 * filter, which XNNPACK ran as one tiny matrix product per channel: 35-65 ms per MobileNetV2 layer
 * at 360x480.
 */
export function depthwiseFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  const { batchSize: n, inChannels: channels, filterHeight: kh, filterWidth: kw } = info;
  const multiplier = info.outChannels / channels;
  const layout = tapLayout(info);
  const positions = n * layout.rowsPerTap;
  return tf.tidy(() => {
    const phase = phaseReader(padForTaps(x, info, layout), info, layout);
    const gradient = widenOutputGradient(dy, layout);
    if (multiplier === 1) {
      const imageRows = layout.phaseRows * layout.phaseCols;
      const taps = layout.taps.map(({ rowPhase, colPhase, start }) => {
        const image = phase(rowPhase, colPhase);
        const perImage = Array.from({ length: n }, (_, i) => windowProductSums(gradient, image, { aRow: i * layout.rowsPerTap, bRow: i * imageRows + start, rows: layout.rowsPerTap }));
        return perImage.length === 1 ? perImage[0]! : tf.addN(perImage);
      });
      return tf.reshape(tf.stack(taps), [kh, kw, channels, 1]) as tf.Tensor4D;
    }
    const perChannelGradient = tf.reshape(gradient, [n, layout.rowsPerTap, channels, multiplier]);
    // One tidy per tap: a tap's window and product are as large as the input.
    const taps = layout.taps.map(({ rowPhase, colPhase, start }) => {
      const image = phase(rowPhase, colPhase);
      return tf.tidy(() => {
        const window = tf.slice(image, [0, start, 0], [n, layout.rowsPerTap, channels]);
        const product = tf.mul(tf.reshape(window, [n, layout.rowsPerTap, channels, 1]), perChannelGradient);
        return tf.mul(channelMean(tf.reshape(product, [positions, channels * multiplier])), positions);
      });
    });
    return tf.reshape(tf.concat(taps, 0), [kh, kw, channels, multiplier]) as tf.Tensor4D;
  });
}
