import * as tf from '@tensorflow/tfjs-core';
import { explicitPadding, type ExplicitPadding } from '../util/explicit-padding.js';
import type { ConvInfo } from './conv-info.js';

/**
 * One axis of a convolution's input gradient, split by output phase. With stride s, the input
 * positions i with (i + pad) mod s = rho receive only the kernel taps rho, rho + s, rho + 2s, ...:
 * dx[s u + rho - pad] = sum_m dy[u - m delta] w[rho + s m] (delta is the dilation, which tfjs only
 * allows with stride 1). Each phase is a stride-1 correlation of dy with those taps flipped, so no
 * multiply is spent on the zeros a zero-stuffed dy would hold.
 */
export interface AxisPhase {
  /** Kernel taps in flipped order (the correlation's filter, first to last). */
  readonly taps: readonly number[];
  /** The phase's first input position; positions slot, slot + s, slot + 2s, ... follow. */
  readonly slot: number;
  /** Number of input positions of this phase. */
  readonly length: number;
  /** Spacing of the taps in dy (the dilation). */
  readonly dilation: number;
  /** Zeros before/after dy (or, where negative, rows of dy cut off). */
  readonly before: number;
  readonly after: number;
}

/** The phases of one axis of a convolution's input gradient. */
export function axisPhases(inLength: number, outLength: number, kernel: number, stride: number, dilation: number, padBefore: number): AxisPhase[] {
  return Array.from({ length: stride }, (_, rho) => {
    const taps: number[] = [];
    for (let a = rho; a < kernel; a += stride) taps.unshift(a);
    const first = Math.ceil((padBefore - rho) / stride);
    const last = Math.floor((inLength - 1 + padBefore - rho) / stride);
    return {
      taps,
      slot: stride * first + rho - padBefore,
      length: Math.max(0, last - first + 1),
      dilation,
      before: (taps.length - 1) * dilation - first,
      after: last - (outLength - 1),
    };
  });
}

/** Correlates `dy` (stride 1) with the filter taps `rows` x `cols` (flipped order), padded by `pad`. */
export type PhaseCorrelation = (dy: tf.Tensor4D, rows: readonly number[], cols: readonly number[], pad: ExplicitPadding, dilation: [number, number]) => tf.Tensor4D;

/**
 * A convolution's input gradient [N, H, W, channels] from its output gradient `dy`: one stride-1
 * correlation per output phase (`correlate`), interleaved.
 */
export function phasedInputGradient(dy: tf.Tensor4D, info: ConvInfo, channels: number, correlate: PhaseCorrelation): tf.Tensor4D {
  const rows = axisPhases(info.inHeight, info.outHeight, info.filterHeight, info.strideHeight, info.dilationHeight, info.padInfo.top);
  const cols = axisPhases(info.inWidth, info.outWidth, info.filterWidth, info.strideWidth, info.dilationWidth, info.padInfo.left);
  const height = Math.max(...rows.map((r) => r.length));
  const width = Math.max(...cols.map((c) => c.length));
  const n = info.batchSize;
  return tf.tidy(() => {
    const block = (r: AxisPhase, c: AxisPhase): tf.Tensor4D => {
      if (r.taps.length === 0 || c.taps.length === 0 || r.length === 0 || c.length === 0) return tf.zeros([n, height, width, channels]);
      const cut = [Math.max(0, -r.before), Math.max(0, -r.after), Math.max(0, -c.before), Math.max(0, -c.after)] as const;
      const input = cut.some((v) => v > 0)
        ? tf.slice(dy, [0, cut[0], cut[2], 0], [-1, dy.shape[1] - cut[0] - cut[1], dy.shape[2] - cut[2] - cut[3], -1])
        : dy;
      const pad = explicitPadding(Math.max(0, r.before), Math.max(0, r.after), Math.max(0, c.before), Math.max(0, c.after));
      const phase = correlate(input, r.taps, c.taps, pad, [r.dilation, c.dilation]);
      const short = [height - r.length, width - c.length];
      return short[0]! + short[1]! > 0 ? tf.pad(phase, [[0, 0], [0, short[0]!], [0, short[1]!], [0, 0]]) : phase;
    };
    if (rows.length === 1 && cols.length === 1) return block(rows[0]!, cols[0]!);
    // Interleave columns, then rows, by stacking (a 6-D transpose is a slow loop on wasm).
    const bySlot = (phases: AxisPhase[]) => [...phases].sort((a, b) => a.slot - b.slot);
    const rowBlocks = bySlot(rows).map((r) => {
      const blocks = bySlot(cols).map((c) => block(r, c));
      return blocks.length === 1 ? blocks[0]! : tf.reshape(tf.stack(blocks, 3), [n, height, width * cols.length, channels]);
    });
    const interleaved =
      rowBlocks.length === 1 ? rowBlocks[0]! : tf.reshape(tf.stack(rowBlocks, 2), [n, height * rows.length, width * cols.length, channels]);
    return tf.slice(interleaved, [0, 0, 0, 0], [n, info.inHeight, info.inWidth, channels]) as tf.Tensor4D;
  });
}

/** Whether the taps `rows` x `cols` are all of a [kh, kw, ...] filter's, flipped in both axes. */
export function flipsAllTaps(filter: tf.Tensor4D, rows: readonly number[], cols: readonly number[]): boolean {
  const flipsAll = (taps: readonly number[], length: number) => taps.length === length && taps.every((t, i) => t === length - 1 - i);
  return flipsAll(rows, filter.shape[0]) && flipsAll(cols, filter.shape[1]);
}

/** The taps `rows` x `cols` of a [kh, kw, a, b] filter, in that order (all taps flipped: a reverse). */
export function filterTaps(filter: tf.Tensor4D, rows: readonly number[], cols: readonly number[]): tf.Tensor4D {
  const [kh, kw] = filter.shape;
  if (kh * kw === 1 && rows.length * cols.length === 1) return filter;
  if (flipsAllTaps(filter, rows, cols)) return tf.getBackend() === 'wasm' ? reverseTapOrder(filter) : tf.reverse(filter, [0, 1]);
  return tf.tidy(() => tf.gather(tf.gather(filter, tf.tensor1d([...rows], 'int32'), 0), tf.tensor1d([...cols], 'int32'), 1)) as tf.Tensor4D;
}

/**
 * The filter flipped in both spatial axes, which reverses the order of its kh * kw taps: on wasm
 * as one contiguous copy per tap. wasm's Reverse kernel picks values one at a time (73 ms for a
 * [3, 3, 512, 512] filter, 220 ms of a PSPNet-ResNet18 step).
 */
function reverseTapOrder(filter: tf.Tensor4D): tf.Tensor4D {
  const [kh, kw, a, b] = filter.shape;
  const taps = kh * kw;
  return tf.tidy(() => {
    const rows = tf.reshape(filter, [taps, a * b]);
    return tf.reshape(tf.concat(Array.from({ length: taps }, (_, t) => tf.slice(rows, [taps - 1 - t, 0], [1, a * b])), 0), filter.shape) as tf.Tensor4D;
  });
}
