import * as tf from '@tensorflow/tfjs-core';
import { replaceForNumbers } from './shipped-override.js';
import { kernelAttrs } from './kernel-attrs.js';
import { wasmInternals, type WasmBackendInternals } from './simd-module.js';

/**
 * Slice for wasm, replacing the shipped kernel, which first copies the whole input out of the
 * wasm heap into a fresh array (`readSync`), then, above rank 4, picks values one index
 * computation at a time: 40 ms for a contiguous 2.9 M-value window of a 3.5 M-value tensor, and
 * 700 ms for a stride phase of a [1, 92, 2, 121, 2, 96] view. This one copies runs of contiguous
 * values from heap to heap. Strings go to the shipped kernel.
 */
export function sliceWasm(shipped: tf.KernelConfig): tf.KernelConfig {
  return replaceForNumbers(shipped, ({ attrs, backend }, x) => {
    const { begin, size } = kernelAttrs<tf.SliceAttrs>(attrs);
    const [start, extent] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, size);
    return sliceOnHeap(wasmInternals(backend), x, start, extent);
  });
}

/** SplitV for wasm, replacing the shipped kernel, whose pieces each cost a full `readSync` copy. */
export function splitVWasm(shipped: tf.KernelConfig): tf.KernelConfig {
  return replaceForNumbers(shipped, ({ attrs, backend }, x) => {
    const { numOrSizeSplits, axis } = kernelAttrs<tf.SplitVAttrs>(attrs);
    const along = tf.util.parseAxisParam(axis, x.shape)[0]!;
    const start = x.shape.map(() => 0);
    return tf.backend_util.prepareSplitSize(x as tf.Tensor, numOrSizeSplits, along).map((length) => {
      const extent = [...x.shape];
      extent[along] = length;
      const piece = sliceOnHeap(wasmInternals(backend), x, [...start], extent);
      start[along]! += length;
      return piece;
    });
  });
}

function sliceOnHeap(heap: WasmBackendInternals, x: tf.TensorInfo, start: number[], extent: number[]): tf.TensorInfo {
  const out = heap.makeOutput(extent, x.dtype);
  // Views taken after makeOutput, which may grow (and so detach) the heap.
  copyWindow(heap.typedArrayFromHeap(x), x.shape, start, extent, heap.typedArrayFromHeap(out));
  return out;
}

/**
 * Copies the window `start` + `extent` of a row-major array of `shape` into `target`, as runs: the
 * trailing axes the window spans whole, together with the window along the next axis inward, are
 * one contiguous run per index of the remaining outer axes.
 */
function copyWindow(source: tf.TypedArray, shape: readonly number[], start: readonly number[], extent: readonly number[], target: tf.TypedArray): void {
  if (extent.some((e) => e === 0)) return;
  const strides = tf.util.computeStrides([...shape]);
  let cut = shape.length - 1;
  let inner = 1;
  while (cut >= 0 && start[cut] === 0 && extent[cut] === shape[cut]) inner *= shape[cut--]!;
  if (cut < 0) {
    target.set(source.subarray(0, inner));
    return;
  }
  const run = inner * extent[cut]!;
  const stride = (axis: number) => (axis === shape.length - 1 ? 1 : strides[axis]!);
  const outerAxes = cut;
  const index = new Array<number>(outerAxes).fill(0);
  const base = start.reduce((offset, s, axis) => offset + s * stride(axis), 0);
  for (let written = 0; written < target.length; written += run) {
    let offset = base;
    for (let axis = 0; axis < outerAxes; axis++) offset += index[axis]! * stride(axis);
    if (run >= 16) target.set(source.subarray(offset, offset + run), written);
    else for (let k = 0; k < run; k++) target[written + k] = source[offset + k]!;
    for (let axis = outerAxes - 1; axis >= 0 && ++index[axis]! === extent[axis]; axis--) index[axis] = 0;
  }
}
