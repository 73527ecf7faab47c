import * as tf from '@tensorflow/tfjs-core';
import { AFFINE_CENTERED, type RowWindow, SHIFTED_CHANNEL_SUMS } from '../kernels/channel-kernels-wasm.js';
import { hasSimdKernel } from '../kernels/simd-module.js';
import { channelMean } from './channel-mean.js';

/**
 * Whether the active backend runs `kernelName` as one kernel: on wasm the SIMD one (when its heap
 * is reachable), elsewhere one registered for that backend (e.g. WebGPU's fused programs).
 */
export function runsAsKernel(kernelName: string): boolean {
  const backend = tf.getBackend();
  return backend === 'wasm' ? hasSimdKernel(kernelName) : tf.getKernel(kernelName, backend) !== undefined;
}

/**
 * Per-channel sums over every axis but the last of (a - shiftA) and of (a - shiftA) * (b - shiftB),
 * as [2, C]; an absent shift is zero. On wasm one SIMD pass over a and b (`simd-kernels.wat`), on
 * a backend with the kernel registered that kernel (WebGPU: `@vidseg/backend-tfjs`); elsewhere
 * composed from tfjs ops.
 */
export function shiftedChannelSums(a: tf.Tensor, b: tf.Tensor, shiftA?: tf.Tensor1D, shiftB?: tf.Tensor1D): tf.Tensor2D {
  const channels = a.shape[a.rank - 1]!;
  return tf.tidy(() => {
    if (runsAsKernel(SHIFTED_CHANNEL_SUMS)) {
      const zeros = tf.zeros([channels]);
      return tf.engine().runKernel(SHIFTED_CHANNEL_SUMS, { a, b, shiftA: shiftA ?? zeros, shiftB: shiftB ?? zeros }) as tf.Tensor2D;
    }
    const count = a.size / channels;
    const rows = (t: tf.Tensor, shift?: tf.Tensor1D) => (shift ? tf.sub(tf.reshape(t, [count, channels]), shift) : tf.reshape(t, [count, channels]));
    const da = rows(a, shiftA);
    const db = b === a && shiftB === shiftA ? da : rows(b, shiftB);
    return tf.mul(tf.concat([channelMean(da), channelMean(tf.mul(da, db))], 0), count) as tf.Tensor2D;
  });
}

/**
 * Per-channel sums of a[aRow + r] * b[bRow + r] over r < rows, [C], for a and b viewed as
 * [rows, C]: a product of two windows of rows without copying them out on wasm (one SIMD pass);
 * elsewhere two slices, a product and a sum.
 */
export function windowProductSums(a: tf.Tensor, b: tf.Tensor, window: RowWindow): tf.Tensor1D {
  const channels = a.shape[a.rank - 1]!;
  return tf.tidy(() => {
    if (runsAsKernel(SHIFTED_CHANNEL_SUMS)) {
      const zeros = tf.zeros([channels]);
      const sums = tf.engine().runKernel(SHIFTED_CHANNEL_SUMS, { a, b, shiftA: zeros, shiftB: zeros }, { ...window }) as tf.Tensor2D;
      return tf.reshape(tf.slice(sums, [1, 0], [1, channels]), [channels]) as tf.Tensor1D;
    }
    const rowsOf = (t: tf.Tensor, first: number) => tf.slice(tf.reshape(t, [-1, channels]), [first, 0], [window.rows, channels]);
    return tf.reshape(tf.mul(channelMean(tf.mul(rowsOf(a, window.aRow), rowsOf(b, window.bRow))), window.rows), [channels]) as tf.Tensor1D;
  });
}

/** Row `row` of a [rows, C] tensor as [C]. */
export function coefficientRow(packed: tf.Tensor, row: number): tf.Tensor1D {
  const channels = packed.shape[1]!;
  return tf.reshape(tf.slice(packed, [row, 0], [1, channels]), [channels]) as tf.Tensor1D;
}

/** The per-channel coefficients of `affineCentered`, each [C]; an absent `scaleA` drops the a term. */
export interface AffineCoefficients {
  readonly scaleA?: tf.Tensor1D;
  readonly scaleB: tf.Tensor1D;
  readonly shiftB: tf.Tensor1D;
  readonly offset: tf.Tensor1D;
}

/**
 * `affineCentered`'s coefficients packed as the first four rows of a [rows >= 4, C] tensor (scaleA,
 * scaleB, shiftB, offset); `withA: false` says that row 0 is zero (the a term is skipped where the
 * map is composed from tfjs ops).
 */
export interface PackedAffineCoefficients {
  readonly rows: tf.Tensor2D;
  readonly withA: boolean;
}

/**
 * scaleA * a + scaleB * (b - shiftB) + offset, per channel (the last axis) and of a's shape, the
 * coefficients given apart or packed. On wasm one SIMD pass (`simd-kernels.wat`), on a backend with
 * the kernel registered that kernel; elsewhere composed from tfjs ops.
 */
export function affineCentered(a: tf.Tensor, b: tf.Tensor, coefficients: AffineCoefficients | PackedAffineCoefficients): tf.Tensor {
  return tf.tidy(() => {
    const packed = 'rows' in coefficients ? coefficients : undefined;
    if (runsAsKernel(AFFINE_CENTERED)) {
      const apart = coefficients as AffineCoefficients;
      const stacked = packed ? packed.rows : tf.stack([apart.scaleA ?? tf.zerosLike(apart.scaleB), apart.scaleB, apart.shiftB, apart.offset]);
      return tf.engine().runKernel(AFFINE_CENTERED, { a, b, coefficients: stacked }) as tf.Tensor;
    }
    const row = (r: number) => coefficientRow(packed!.rows, r);
    const { scaleA, scaleB, shiftB, offset } = packed
      ? { scaleA: packed.withA ? row(0) : undefined, scaleB: row(1), shiftB: row(2), offset: row(3) }
      : (coefficients as AffineCoefficients);
    const centered = tf.add(tf.mul(tf.sub(b, shiftB), scaleB), offset);
    return scaleA ? tf.add(tf.mul(a, scaleA), centered) : centered;
  });
}
