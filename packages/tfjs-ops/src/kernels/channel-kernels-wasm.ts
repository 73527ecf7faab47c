import * as tf from '@tensorflow/tfjs-core';
import { simdKernelsFor, wasmInternals } from './simd-module.js';

/**
 * Kernel: per-channel sums of (a - shiftA) and of (a - shiftA) * (b - shiftB) over rows, [2, C].
 * Optional attributes pick a window of rows: `rows` rows from row `aRow` of a and `bRow` of b
 * (default: all of a's rows, from row 0 of both).
 */
export const SHIFTED_CHANNEL_SUMS = 'VidsegShiftedChannelSums';
/** Kernel: scaleA * a + scaleB * (b - shiftB) + offset, per channel; coefficients [4, C] in that order. */
export const AFFINE_CENTERED = 'VidsegAffineCentered';

/** [rows, channels] of a tensor viewed as rows of its last axis. */
export function rowsAndChannels(info: tf.TensorInfo): [number, number] {
  const channels = info.shape[info.shape.length - 1]!;
  return [tf.util.sizeFromShape(info.shape) / channels, channels];
}

/** The row window a SHIFTED_CHANNEL_SUMS call reads. */
export interface RowWindow {
  readonly aRow: number;
  readonly bRow: number;
  readonly rows: number;
}

/**
 * The {@link RowWindow} of a SHIFTED_CHANNEL_SUMS call (defaults: all of a's rows from row 0) and the
 * channels; throws unless a and b have the same channels and the window lies inside both.
 */
export function checkedRowWindow(a: tf.TensorInfo, b: tf.TensorInfo, attrs: tf.NamedAttrMap | undefined): RowWindow & { channels: number } {
  const [rowsA, channels] = rowsAndChannels(a);
  const [rowsB, channelsB] = rowsAndChannels(b);
  const { aRow = 0, bRow = 0, rows = rowsA } = (attrs ?? {}) as Partial<RowWindow>;
  if (channelsB !== channels || !(aRow >= 0 && bRow >= 0 && rows >= 0 && aRow + rows <= rowsA && bRow + rows <= rowsB)) {
    throw new Error(`${SHIFTED_CHANNEL_SUMS}: rows [${aRow}, ${aRow + rows}) of a [${a.shape.join(', ')}] and [${bRow}, ${bRow + rows}) of b [${b.shape.join(', ')}] are not windows of both`);
  }
  return { aRow, bRow, rows, channels };
}

/** SHIFTED_CHANNEL_SUMS on wasm: inputs a, b [..., C] and shiftA, shiftB [C]; attributes `RowWindow`. */
export const shiftedChannelSumsWasm: tf.KernelConfig = {
  kernelName: SHIFTED_CHANNEL_SUMS,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const heap = wasmInternals(backend);
    const { a, b, shiftA, shiftB } = inputs as Record<'a' | 'b' | 'shiftA' | 'shiftB', tf.TensorInfo>;
    // The kernel reads raw memory: a window past either tensor would read other tensors' values.
    const { aRow, bRow, rows, channels } = checkedRowWindow(a, b, attrs);
    const out = heap.makeOutput([2, channels], 'float32');
    const scratch = heap.makeOutput([2, channels], 'float32');
    const offset = (t: tf.TensorInfo, row = 0) => heap.getMemoryOffset(t.dataId) + row * channels * 4;
    simdKernelsFor(backend)!.shifted_sums(offset(a, aRow), offset(shiftA), offset(b, bRow), offset(shiftB), rows, channels, offset(out), offset(scratch));
    heap.disposeData(scratch.dataId, true);
    return out;
  },
};

/** AFFINE_CENTERED on wasm: inputs a, b [..., C] and coefficients [4, C]. */
export const affineCenteredWasm: tf.KernelConfig = {
  kernelName: AFFINE_CENTERED,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend }) => {
    const heap = wasmInternals(backend);
    const { a, b, coefficients } = inputs as Record<'a' | 'b' | 'coefficients', tf.TensorInfo>;
    const [rows, channels] = rowsAndChannels(a);
    const out = heap.makeOutput([...a.shape], 'float32');
    const offset = (t: tf.TensorInfo) => heap.getMemoryOffset(t.dataId);
    simdKernelsFor(backend)!.affine_centered(offset(a), offset(b), offset(coefficients), rows, channels, offset(out));
    return out;
  },
};
