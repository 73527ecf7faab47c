import * as tf from '@tensorflow/tfjs-core';
import type { ConvInfo } from './conv-info.js';
import { padForTaps, phaseReader, tapLayout, widenOutputGradient } from './tap-windows.js';

/** The most values one block of the transposed im2col matrix may hold (64 MB of float32). */
const IM2COL_BLOCK_VALUES = 1 << 24;

/**
 * Gradient of a (groups = 1) convolution with respect to its filter, [kh, kw, in, out], for any
 * stride, dilation and padding: dW[a, b, i, o] = sum over batch and output positions p of
 * x[p * stride + (a, b) * dilation, i] * dy[p, o]. A pointwise convolution (1x1, stride 1, no
 * padding) is one matrix product of the transposed input and the output gradient. Otherwise the
 * taps' input windows (`tapLayout`), channels first, are stacked into a transposed im2col matrix
 * [taps * in, positions] (in blocks of at most 2^24 values) and multiplied by the widened output
 * gradient [positions, out]. On wasm this replaced one forward convolution with dy as an
 * [OH, OW] filter, whose XNNPACK setup alone (an indirection pointer per output value and filter
 * tap) made ESPNet's filter gradients 2.4x its forward convolutions.
 */
export function conv2dFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  const { batchSize: n, filterHeight: kh, filterWidth: kw, inChannels, outChannels } = info;
  const p = info.padInfo;
  return tf.tidy(() => {
    if (kh * kw === 1 && info.strideHeight * info.strideWidth === 1 && p.top + p.bottom + p.left + p.right === 0) {
      const positions = n * info.inHeight * info.inWidth;
      const input = tf.reshape(x, [positions, inChannels]);
      const gradient = tf.reshape(dy, [positions, outChannels]);
      // The left operand is transposed explicitly (wasm's product with transposeA is a slow loop);
      // transpose the narrower one: wasm's Transpose is slow on long power-of-two rows.
      const product = inChannels <= outChannels ? tf.matMul(tf.transpose(input), gradient) : tf.transpose(tf.matMul(tf.transpose(gradient), input));
      return tf.reshape(product, [1, 1, inChannels, outChannels]);
    }
    const layout = tapLayout(info);
    const positions = n * layout.rowsPerTap;
    const phaseChannelsFirst = phaseReader(padForTaps(x, info, layout), info, layout, true);
    const gradient = tf.reshape(widenOutputGradient(dy, layout), [positions, outChannels]);
    const tapsPerBlock = Math.max(1, Math.floor(IM2COL_BLOCK_VALUES / (inChannels * positions)));
    const blocks: tf.Tensor[] = [];
    for (let first = 0; first < layout.taps.length; first += tapsPerBlock) {
      const taps = layout.taps.slice(first, first + tapsPerBlock);
      const images = taps.map(({ rowPhase, colPhase }) => phaseChannelsFirst(rowPhase, colPhase));
      // One tidy per block: the windows and the block are about taps times the input's size.
      blocks.push(
        tf.tidy(() => {
          const rows = taps.map(({ start }, i) => tf.reshape(tf.slice(images[i]!, [0, 0, start], [inChannels, n, layout.rowsPerTap]), [inChannels, positions]));
          if (rows.length === 1) return tf.matMul(rows[0]!, gradient);
          const block = tf.concat(rows, 0);
          tf.dispose(rows);
          return tf.matMul(block, gradient);
        }),
      );
    }
    return tf.reshape(blocks.length === 1 ? blocks[0]! : tf.concat(blocks, 0), [kh, kw, inChannels, outChannels]) as tf.Tensor4D;
  });
}
