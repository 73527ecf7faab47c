import * as tf from '@tensorflow/tfjs-core';
import type { ConvInfo } from './conv-info.js';
import { padForTaps, phaseReader, tapLayout } from './tap-windows.js';

/**
 * Positions are padded with this many zero rows when their count is a multiple of 1024: a
 * channels-first row of 4 KiB multiples puts the rows a transpose or a product reads together in
 * the same cache sets (on wasm, [32768, 128] took 2-3x as long as with 16 more rows).
 */
const ALIGNED_POSITIONS_PADDING = 16;

/** The most values one block of the transposed im2col matrix may hold (64 MB of float32). */
const IM2COL_BLOCK_VALUES = 1 << 24;

/**
 * Gradient of a (groups = 1) convolution with respect to its filter, [kh, kw, in, out], for any
 * stride, dilation and padding: dW[a, b, i, o] = sum over batch and output positions p of
 * x[p * stride + (a, b) * dilation, i] * dy[p, o]. A pointwise convolution (1x1, stride 1, no
 * padding) is one matrix product of the transposed input and the output gradient. Otherwise the
 * taps' input windows (`tapLayout`), channels first and exactly [OH, OW] (not the contiguous runs
 * of `rowsPerTap`, whose columns past OW would meet zeros: up to 35% of the product's work for
 * ESPNet's dilation-16 branch), are stacked into a transposed im2col matrix [taps * in, positions]
 * (in blocks of at most 2^24 values) and multiplied by the output gradient [positions, out]. On
 * wasm this replaced one forward convolution with dy as an
 * [OH, OW] filter, whose XNNPACK setup alone (an indirection pointer per output value and filter
 * tap) made ESPNet's filter gradients 2.4x its forward convolutions.
 */
export function conv2dFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  const { batchSize: n, filterHeight: kh, filterWidth: kw, inChannels, outChannels } = info;
  const p = info.padInfo;
  return tf.tidy(() => {
    if (kh * kw === 1 && info.strideHeight * info.strideWidth === 1 && p.top + p.bottom + p.left + p.right === 0) {
      return tf.reshape(pointwiseFilterGradient(tf.reshape(x, [-1, inChannels]) as tf.Tensor2D, tf.reshape(dy, [-1, outChannels]) as tf.Tensor2D), [1, 1, inChannels, outChannels]);
    }
    const { outHeight, outWidth } = info;
    const layout = tapLayout(info);
    const positions = n * outHeight * outWidth;
    const phaseChannelsFirst = phaseReader(padForTaps(x, info, layout), info, layout, true);
    const gradient = tf.reshape(dy, [positions, outChannels]);
    const tapsPerBlock = Math.max(1, Math.floor(IM2COL_BLOCK_VALUES / (inChannels * positions)));
    const blocks: tf.Tensor[] = [];
    for (let first = 0; first < layout.taps.length; first += tapsPerBlock) {
      const taps = layout.taps.slice(first, first + tapsPerBlock);
      const images = taps.map(({ rowPhase, colPhase }) => tf.reshape(phaseChannelsFirst(rowPhase, colPhase), [inChannels, n, layout.phaseRows, layout.phaseCols]));
      // One tidy per block: the windows and the block are about taps times the input's size.
      blocks.push(
        tf.tidy(() => {
          const rows = taps.map(({ row, col }, i) => tf.reshape(tf.slice(images[i]!, [0, 0, row, col], [inChannels, n, outHeight, outWidth]), [inChannels, positions]));
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

/**
 * x^T dy for x [positions, in] and dy [positions, out]. The wider operand is transposed (to be the
 * left one, rows in memory order) and the narrower one is the right operand: wasm's product packs
 * its right operand anew on every call, which costs more per value than a transpose.
 */
function pointwiseFilterGradient(x: tf.Tensor2D, dy: tf.Tensor2D): tf.Tensor2D {
  const [positions] = x.shape;
  const [input, gradient] = positions % 1024 === 0 ? [x, dy].map((t) => tf.pad(t, [[0, ALIGNED_POSITIONS_PADDING], [0, 0]])) : [x, dy];
  return x.shape[1] >= dy.shape[1] ? tf.matMul(tf.transpose(input!), gradient!) : (tf.transpose(tf.matMul(tf.transpose(gradient!), input!)) as tf.Tensor2D);
}
