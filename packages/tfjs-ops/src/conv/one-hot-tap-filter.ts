import * as tf from '@tensorflow/tfjs-core';

/**
 * A depthwise filter [kh, kw, channels, kh * kw] whose output t of each channel copies kernel tap t
 * (taps row-major): a depthwise convolution with it lays every window out along the channels
 * (channel c * kh * kw + t), and its input gradient puts values back where the taps read them.
 */
export function oneHotTapFilter(kh: number, kw: number, channels: number): tf.Tensor4D {
  const taps = kh * kw;
  const values = new Float32Array(taps * channels * taps);
  for (let t = 0; t < taps; t++) {
    for (let c = 0; c < channels; c++) values[(t * channels + c) * taps + t] = 1;
  }
  return tf.tensor4d(values, [kh, kw, channels, taps]);
}
