import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../test/tf-setup.js';
import { resizeAlignCorners, resizeFlowAlignCorners } from './resize.js';

describe('resizing for the losses', () => {
  beforeAll(() => useBackend('cpu'));

  it('rescales flow vectors to the new grid so constant shifts stay exact', async () => {
    const flow = tf.tensor4d(Array.from({ length: 11 * 13 }, () => [4, -2]).flat(), [1, 11, 13, 2]);
    const resized = resizeFlowAlignCorners(flow, [6, 7]);
    expect(resized.shape).toEqual([1, 6, 7, 2]);
    expect(new Set(await resized.data())).toEqual(new Set([2, -1]));
    expect(resizeFlowAlignCorners(flow, [11, 13])).toBe(flow);
    tf.dispose([flow, resized]);
  });

  it('keeps the corners of the grid in place (align-corners)', async () => {
    const x = tf.tensor4d([0, 1, 2, 3], [1, 2, 2, 1]);
    const up = resizeAlignCorners(x, [3, 3]);
    expect(Array.from(await up.data())).toEqual([0, 0.5, 1, 1, 1.5, 2, 2, 2.5, 3]);
    tf.dispose([x, up]);
  });
});
