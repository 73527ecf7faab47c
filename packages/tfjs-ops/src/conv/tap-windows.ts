import * as tf from '@tensorflow/tfjs-core';
import type { ConvInfo } from './conv-info.js';

/**
 * Where each filter tap of a convolution reads its input, for filter gradients computed one tap at
 * a time. The input is padded and split into stride phases (rows q * stride + phase), each
 * flattened to `phaseRows * phaseCols` positions. Tap (a, b) reads, for output (r, s), phase
 * position (r + a * dilation / stride, s + b * dilation / stride) of its phase: for all outputs at
 * once that is the contiguous run of `rowsPerTap = outHeight * phaseCols` flat positions from
 * `start`, when the output gradient is widened with zero columns to `phaseCols` (the positions a
 * run passes between two output rows then meet zeros of the gradient).
 */
export interface TapLayout {
  readonly phaseRows: number;
  readonly phaseCols: number;
  readonly rowsPerTap: number;
  /**
   * Per tap, in filter order (row-major over [kh, kw]): its stride phase, the phase row and column
   * its window starts at, and that position flattened (`row * phaseCols + col`).
   */
  readonly taps: ReadonlyArray<{ readonly rowPhase: number; readonly colPhase: number; readonly row: number; readonly col: number; readonly start: number }>;
}

/** The tap layout of a convolution. */
export function tapLayout(info: ConvInfo): TapLayout {
  const { outHeight, outWidth, filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  // One spare row: a run that starts past column 0 ends in the row below its last output row.
  const phaseRows = outHeight + Math.floor(((kh - 1) * dh) / sh) + 1;
  const phaseCols = outWidth + Math.floor(((kw - 1) * dw) / sw);
  const taps = [];
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      const row = Math.floor((a * dh) / sh);
      const col = Math.floor((b * dw) / sw);
      taps.push({ rowPhase: (a * dh) % sh, colPhase: (b * dw) % sw, row, col, start: row * phaseCols + col });
    }
  }
  return { phaseRows, phaseCols, rowsPerTap: outHeight * phaseCols, taps };
}

/**
 * The input padded (zeros) or cropped to [N, phaseRows * strideHeight, phaseCols * strideWidth, C]:
 * the convolution's own padding first, then whatever the phases need at the bottom and right.
 */
export function padForTaps(x: tf.Tensor4D, info: ConvInfo, layout: TapLayout): tf.Tensor4D {
  const { top, left } = info.padInfo;
  const bottom = layout.phaseRows * info.strideHeight - top - info.inHeight;
  const right = layout.phaseCols * info.strideWidth - left - info.inWidth;
  const padded = top + Math.max(0, bottom) + left + Math.max(0, right) > 0 ? tf.pad(x, [[0, 0], [top, Math.max(0, bottom)], [left, Math.max(0, right)], [0, 0]]) : x;
  if (bottom >= 0 && right >= 0) return padded;
  return tf.slice(padded, [0, 0, 0, 0], [-1, padded.shape[1] + Math.min(0, bottom), padded.shape[2] + Math.min(0, right), -1]);
}

/** The output gradient [N, OH, OW, C] widened with zero columns to [N, OH * phaseCols, C]. */
export function widenOutputGradient(dy: tf.Tensor4D, layout: TapLayout): tf.Tensor3D {
  const [n, outHeight, outWidth, channels] = dy.shape;
  const wide = layout.phaseCols > outWidth ? tf.pad(dy, [[0, 0], [0, 0], [0, layout.phaseCols - outWidth], [0, 0]]) : dy;
  return tf.reshape(wide, [n, outHeight * layout.phaseCols, channels]);
}

/**
 * The stride phases of a `padForTaps` input, each [N, phaseRows * phaseCols, C] (the input itself,
 * reshaped, at stride 1), or [C, N, phaseRows * phaseCols] when `channelsFirst`, made on first use
 * and kept for the other taps of the phase.
 */
export function phaseReader(padded: tf.Tensor4D, info: ConvInfo, layout: TapLayout, channelsFirst = false): (rowPhase: number, colPhase: number) => tf.Tensor3D {
  const [n, , , channels] = padded.shape;
  const { strideHeight: sh, strideWidth: sw } = info;
  const { phaseRows, phaseCols } = layout;
  const phases = new Map<string, tf.Tensor3D>();
  return (rowPhase, colPhase) => {
    const key = `${rowPhase},${colPhase}`;
    let image = phases.get(key);
    if (!image) {
      const picked =
        sh * sw === 1 ? padded : tf.slice(tf.reshape(padded, [n, phaseRows, sh, phaseCols, sw, channels]), [0, 0, rowPhase, 0, colPhase, 0], [n, phaseRows, 1, phaseCols, 1, channels]);
      const rows = tf.reshape(picked, [n, phaseRows * phaseCols, channels]) as tf.Tensor3D;
      image = channelsFirst ? tf.transpose(rows, [2, 0, 1]) : rows;
      phases.set(key, image);
    }
    return image;
  };
}
