import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend, valuesOn } from '../../test/backends.js';
import { uniformValues } from '../../test/random.js';
import { registerTrainingKernels } from '../register-training-kernels.js';

// Values are copied, so wasm must equal the cpu reference exactly.
const SLICES: ReadonlyArray<{ name: string; shape: number[]; begin: number[]; size: number[] }> = [
  { name: 'rank 1', shape: [20], begin: [3], size: [11] },
  { name: 'rows of a matrix (one run)', shape: [9, 7], begin: [2, 0], size: [5, 7] },
  { name: 'columns of a matrix (short runs)', shape: [9, 7], begin: [1, 2], size: [6, 3] },
  { name: 'a window of the flattened positions (tap window)', shape: [2, 40, 17], begin: [0, 6, 0], size: [2, 30, 17] },
  { name: 'an NHWC window', shape: [2, 9, 11, 5], begin: [1, 2, 3, 0], size: [1, 5, 6, 5] },
  { name: 'channels of NHWC (run below 16)', shape: [2, 4, 5, 9], begin: [0, 0, 0, 4], size: [-1, -1, -1, 3] },
  { name: 'a stride phase of a rank-6 view', shape: [1, 5, 2, 6, 2, 20], begin: [0, 0, 1, 0, 0, 0], size: [1, 5, 1, 6, 1, 20] },
  { name: 'everything', shape: [3, 4, 5], begin: [0, 0, 0], size: [3, 4, 5] },
  { name: 'empty', shape: [3, 4, 5], begin: [0, 1, 0], size: [3, 0, 5] },
];

describe('Slice and SplitV on wasm', () => {
  it('replace the shipped kernels', async () => {
    await registerTrainingKernels();
    expect(tf.getKernel(tf.Slice, 'wasm')!.kernelFunc.name).not.toBe('slice');
    expect(tf.getKernel(tf.SplitV, 'wasm')!.kernelFunc.name).not.toBe('splitV');
  });

  it.each(SLICES)('Slice: $name equals the cpu kernel', async ({ shape, begin, size }) => {
    const values = uniformValues(shape.reduce((a, b) => a * b, 1), 91);
    const run = () => tf.slice(tf.tensor(values, shape), begin, size);
    const expected = await valuesOn('cpu', run);
    expect(Array.from(await valuesOn('wasm', run))).toEqual(Array.from(expected));
  });

  it.each(['int32', 'bool'] as const)('Slice keeps the %s dtype and values', async (dtype) => {
    const values = uniformValues(60, 92, -3, 3);
    const typed = () => (dtype === 'bool' ? tf.greater(tf.tensor(values, [3, 4, 5]), 0) : tf.tensor(values.map(Math.round), [3, 4, 5], 'int32'));
    const run = () => tf.slice(typed(), [1, 1, 2], [2, 3, 2]);
    const expected = await valuesOn('cpu', run);
    await useBackend('wasm');
    const sliced = run();
    expect(sliced.dtype).toBe(dtype);
    expect(Array.from(await sliced.data())).toEqual(Array.from(expected));
    sliced.dispose();
  });

  it('SplitV along an inner axis (the concat gradient) equals the cpu kernel, piece by piece', async () => {
    const values = uniformValues(2 * 3 * 4 * 10, 93);
    const run = () => tf.split(tf.tensor4d(values, [2, 3, 4, 10]), [3, 0, 5, 2], 3);
    const expected = await valuesOn('cpu', run);
    expect(Array.from(await valuesOn('wasm', run))).toEqual(Array.from(expected));
  });

  it('a slice whose output grows the wasm heap reads the input from the grown heap', async () => {
    await useBackend('wasm');
    // 64 MB out of a 128 MB input: makeOutput grows the heap (asserted) while the input is live.
    const row = 16 * 1024 * 1024; // integers below 2^24: exact in float32
    const x = tf.stack([tf.zeros([row]), tf.range(0, row, 1, 'float32')]);
    const heapBytes = () => (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.buffer.byteLength;
    const before = heapBytes();
    const half = tf.slice(x, [1, 0], [1, -1]);
    expect(heapBytes(), 'the slice grew the heap').toBeGreaterThan(before);
    const ends = await tf.concat([tf.slice(half, [0, 0], [1, 2]), tf.slice(half, [0, row - 1], [1, 1])], 1).data();
    expect(Array.from(ends)).toEqual([0, 1, row - 1]);
    tf.dispose([x, half]);
  });
});
