import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { valuesOn } from '../../test/backends.js';
import { uniformValues } from '../../test/random.js';

describe('UnsortedSegmentSum on wasm', () => {
  it('matches the cpu reference kernel, repeated ids summed and out-of-range ids dropped', async () => {
    const ids = [3, 0, 3, -1, 5, 1, 3, 7, 0];
    const run = () => tf.unsortedSegmentSum(tf.tensor3d(uniformValues(9 * 2 * 3, 21), [9, 2, 3]), tf.tensor1d(ids, 'int32'), 6);
    const reference = await valuesOn('cpu', run);
    const wasm = await valuesOn('wasm', run);
    expect(Array.from(wasm)).toEqual(Array.from(reference));
    // By hand: segment 3 is rows 0 + 2 + 6; segments 2 and 4 receive nothing; ids -1 and 7 vanish.
    const x = uniformValues(9 * 2 * 3, 21);
    for (let k = 0; k < 6; k++) expect(wasm[3 * 6 + k]).toBeCloseTo(x[k]! + x[2 * 6 + k]! + x[6 * 6 + k]!, 5);
    expect(Array.from(wasm.slice(2 * 6, 3 * 6))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(wasm.slice(4 * 6, 5 * 6))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('makes the gather gradient work on wasm', async () => {
    const run = () =>
      tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.gather(x, tf.tensor1d([2, 0, 2, 1], 'int32'), 1), tf.tensor(uniformValues(2 * 4 * 3, 22), [2, 4, 3]))))(
        tf.tensor3d(uniformValues(2 * 3 * 3, 23), [2, 3, 3]),
      );
    expect(Array.from(await valuesOn('wasm', run))).toEqual(Array.from(await valuesOn('cpu', run)));
  });
});
