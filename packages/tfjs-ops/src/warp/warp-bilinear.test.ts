import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, useBackend } from '../../test/backends.js';
import { expectGradientsMatchNumerical } from '../../test/gradient-check.js';
import { seededRandom, uniformValues } from '../../test/random.js';
import { warpBilinear } from './warp-bilinear.js';
import type { WarpBorder } from './warp-border.js';

/** A 1 x 3 x 4 x 1 image with value 10 y + x at (y, x). */
const image = () => tf.tensor4d(Array.from({ length: 12 }, (_, i) => 10 * Math.floor(i / 4) + (i % 4)), [1, 3, 4, 1]);
const constantFlow = (dx: number, dy: number) => tf.tensor4d(Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? dx : dy)), [1, 3, 4, 2]);

/** Flow with integer parts in [-2, 2] and fractional parts in [0.2, 0.8]: no sample within 0.2 of a pixel row or column. */
function flowAwayFromPixels(size: number, seed: number): Float32Array {
  const next = seededRandom(seed);
  return Float32Array.from({ length: size }, () => Math.floor(next() * 5) - 2 + 0.2 + 0.6 * next());
}

describe.each(BACKENDS)('warpBilinear on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('output(p) = x(p + flow(p)): zero flow is the identity, integer flow a shift', () => {
    expect(Array.from(warpBilinear(image(), constantFlow(0, 0), { border: 'zeros' }).dataSync())).toEqual(Array.from(image().dataSync()));
    const shifted = warpBilinear(image(), constantFlow(1, 1), { border: 'zeros' }).dataSync();
    expect(Array.from(shifted)).toEqual([11, 12, 13, 0, 21, 22, 23, 0, 0, 0, 0, 0]);
  });

  it('interpolates bilinearly; outside the image zeros fade out and clamp repeats the edge', () => {
    const zeros = warpBilinear(image(), constantFlow(0.5, 0), { border: 'zeros' }).dataSync();
    const clamp = warpBilinear(image(), constantFlow(0.5, 0), { border: 'clamp' }).dataSync();
    // Row 1: x + 0.5 inside; at x = 3 the right corner lies outside.
    expect(Array.from(zeros.slice(4, 8))).toEqual([10.5, 11.5, 12.5, 0.5 * 13]);
    expect(Array.from(clamp.slice(4, 8))).toEqual([10.5, 11.5, 12.5, 13]);
    // Pixel (1, 1) sampled at (x, y) = (-0.25, 1.75): corners x = -1 (outside, weight 0.25) and x = 0.
    const corner = (border: WarpBorder) => warpBilinear(image(), constantFlow(-1.25, 0.75), { border }).dataSync()[5]!;
    expect(corner('zeros')).toBeCloseTo(0.75 * (0.25 * 10 + 0.75 * 20), 5);
    expect(corner('clamp')).toBeCloseTo(17.5, 5);
  });

  it.each(['zeros', 'clamp'] as const)('border %s: matches numerical gradients for x and flow (batch of 2)', (border) => {
    const shape = [2, 5, 6, 3];
    const flowShape = [2, 5, 6, 2];
    const x = uniformValues(2 * 5 * 6 * 3, 101);
    const flow = flowAwayFromPixels(2 * 5 * 6 * 2, 102);
    const warp = (input: tf.Tensor, displacement: tf.Tensor) => warpBilinear(input as tf.Tensor4D, displacement as tf.Tensor4D, { border });
    // Linear in x: any step is exact. In the flow it is bilinear within a pixel cell: a step of
    // 0.05 never leaves the cell, so central differences are exact up to rounding.
    expectGradientsMatchNumerical(warp, [{ values: x, shape }, { values: flow, shape: flowShape }], { step: 0.05, tolerance: 2e-4, entriesPerInput: 120 });
  });

  it('gives no flow gradient where clamping pins the sample to the border', () => {
    const flow = tf.variable(constantFlow(5, 5));
    const { grads } = tf.variableGrads(() => tf.sum(warpBilinear(image(), flow, { border: 'clamp' })), [flow]);
    expect(Array.from(grads[flow.name]!.dataSync()).every((v) => v === 0)).toBe(true);
  });

  it('names a flow of the wrong shape', () => {
    expect(() => warpBilinear(image(), tf.zeros([1, 3, 4, 3]) as tf.Tensor4D, { border: 'zeros' })).toThrow(/flow must have shape \[1, 3, 4, 2\]/);
  });
});
