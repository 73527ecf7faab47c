import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipInputs } from '../../test/clip-inputs.js';
import { expectClose, numericGradient, scalarValue, tfGradient } from '../../test/gradient-check.js';
import { Nhwc, randomValues } from '../../test/nhwc.js';
import { referenceForwardBackwardMask, referenceTemporalLoss } from '../../test/reference/temporal-reference.js';
import { BACKENDS, useBackend } from '../../test/tf-setup.js';
import { forwardBackwardMask } from './occlusion-masks.js';
import { TemporalLoss, temporalOptions } from './temporal-loss-term.js';
import { temporalLoss, type TemporalSettings } from './temporal-loss.js';

const SETTINGS: TemporalSettings = temporalOptions.parse({});

/** Frame t's map made from the neighbour's by the integer shift: t(x, y) = t'(x + dx, y + dy) where inside, noise elsewhere. */
function shifted(neighbour: Nhwc, dx: number, dy: number, seed: number): Nhwc {
  const [n, h, w, c] = neighbour.shape;
  const noise = randomValues(neighbour.data.length, seed, 5);
  const out = new Nhwc(neighbour.shape, noise);
  for (let b = 0; b < n; b++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let ch = 0; ch < c; ch++) {
          if (x + dx >= 0 && x + dx < w && y + dy >= 0 && y + dy < h) out.data[out.index(b, y, x, ch)] = neighbour.at(b, y + dy, x + dx, ch);
        }
  return out;
}

const tensor = (x: Nhwc) => tf.tensor4d(Array.from(x.data), [...x.shape]);
const constantFlow = (n: number, h: number, w: number, dx: number, dy: number) =>
  tf.tensor4d(Array.from({ length: n * h * w }, () => [dx, dy]).flat(), [n, h, w, 2]);

describe.each(BACKENDS)('temporal loss on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  // Outputs at 6x7, inputs at 11x13: align-corners scale (7-1)/(13-1) = (6-1)/(11-1) = 1/2, so
  // the input flow (4, -2) is the output flow (2, -1).
  const neighbourOutput = new Nhwc([2, 6, 7, 3], randomValues(2 * 6 * 7 * 3, 1, 4));
  const output = shifted(neighbourOutput, 2, -1, 2);
  const neighbourImage = new Nhwc([2, 11, 13, 3], randomValues(2 * 11 * 13 * 3, 3, 2));
  const image = shifted(neighbourImage, 4, -2, 4);

  it.each([
    ['logits, photometric mask, at the input resolution (the reference)', {}],
    ['probabilities, photometric mask', { space: 'probabilities' }],
    ['logits, no occlusion mask', { mask: 'none' }],
    ['logits, forward-backward mask', { mask: 'forward-backward' }],
    ['logits, at the output resolution', { resolution: 'output' }],
    ['probabilities, forward-backward mask, at the output resolution', { space: 'probabilities', mask: 'forward-backward', resolution: 'output' }],
  ])('is exactly 0 when the outputs agree under the exact flow of an integer shift (%s)', async (_, options) => {
    const settings = temporalOptions.parse(options);
    const inputs = {
      output: tensor(output),
      neighbourOutput: tensor(neighbourOutput),
      image: tensor(image),
      neighbourImage: tensor(neighbourImage),
      flow: constantFlow(2, 11, 13, 4, -2),
      backwardFlow: constantFlow(2, 11, 13, -4, 2),
    };
    expect(await scalarValue(temporalLoss(inputs, settings))).toBe(0);
    // The same outputs with a wrong (but forward-backward consistent) flow are penalised.
    const wrong = { ...inputs, flow: constantFlow(2, 11, 13, 2, -2), backwardFlow: constantFlow(2, 11, 13, -2, 2) };
    expect(await scalarValue(temporalLoss(wrong, settings))).toBeGreaterThan(1e-3);
    tf.dispose(Object.values(inputs).concat(wrong.flow, wrong.backwardFlow));
  });

  // Two frames at the flow's size 5x7, outputs either at that size or at 3x5 (align-corners scale
  // 6/4 and 4/2: upsampled by the loss, or the flow resized to them). A fractional flow around
  // (1.3, -0.7) sends some targets out of the frame; the backward flow around (-1.3, 0.7) returns
  // within the tolerance at some pixels and not at others.
  const flowShape = [2, 5, 7, 2] as const;
  const imageShape = [2, 5, 7, 3] as const;
  const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
  const forwardValues = randomValues(size(flowShape), 15, 1.2).map((v, i) => v + (i % 2 === 0 ? 1.3 : -0.7));
  const backwardValues = randomValues(size(flowShape), 16, 0.9).map((v, i) => v + (i % 2 === 0 ? -1.3 : 0.7));
  const imageValues = [randomValues(size(imageShape), 13), randomValues(size(imageShape), 14)] as const;

  it.each([
    ['logits, photometric mask, outputs at the flow size', { alpha: 0.7 }, [5, 7]],
    ['logits, photometric mask, outputs upsampled to the flow (the default path)', {}, [3, 5]],
    ['probabilities, photometric mask, outputs upsampled', { space: 'probabilities' }, [3, 5]],
    ['probabilities, no mask, outputs at the flow size', { space: 'probabilities', mask: 'none' }, [5, 7]],
    ['logits, no mask, outputs upsampled', { mask: 'none' }, [3, 5]],
    ['logits, forward-backward mask, outputs upsampled', { mask: 'forward-backward' }, [3, 5]],
    ['logits, photometric mask, at the output resolution', { resolution: 'output', alpha: 0.7 }, [3, 5]],
    ['probabilities, forward-backward mask, at the output resolution', { space: 'probabilities', mask: 'forward-backward', resolution: 'output' }, [3, 5]],
  ] as const)('equals the float64 reference with a fractional flow to 1e-5, with gradients for both outputs (%s)', async (_, options, [h, w]) => {
    const settings = temporalOptions.parse(options);
    const shape = [2, h, w, 3] as const;
    const current = randomValues(size(shape), 11, 2);
    const neighbour = randomValues(size(shape), 12, 2);
    const referencePair = {
      image: new Nhwc(imageShape, imageValues[0]),
      neighbourImage: new Nhwc(imageShape, imageValues[1]),
      flow: new Nhwc(flowShape, forwardValues),
      backwardFlow: new Nhwc(flowShape, backwardValues),
    };
    if (settings.mask === 'forward-backward') {
      // The mask must matter: some pixels consistent, some not.
      const mask = referenceForwardBackwardMask(referencePair.flow, referencePair.backwardFlow, settings.consistency).data;
      expect(mask.includes(0) && mask.includes(1)).toBe(true);
    }
    const reference = (a: ArrayLike<number>, b: ArrayLike<number>) =>
      referenceTemporalLoss({ ...referencePair, output: new Nhwc(shape, a), neighbourOutput: new Nhwc(shape, b) }, settings);
    const fixed = {
      image: tf.tensor4d(imageValues[0], [...imageShape]),
      neighbourImage: tf.tensor4d(imageValues[1], [...imageShape]),
      flow: tf.tensor4d(forwardValues, [...flowShape]),
      backwardFlow: tf.tensor4d(backwardValues, [...flowShape]),
    };
    const a = tf.tensor4d(current, [...shape]);
    const b = tf.tensor4d(neighbour, [...shape]);
    const value = await scalarValue(temporalLoss({ ...fixed, output: a, neighbourOutput: b }, settings));
    expect(value).toBeGreaterThan(1e-3);
    expect(Math.abs(value - reference(current, neighbour))).toBeLessThan(1e-5);
    expectClose(
      await tfGradient((x) => temporalLoss({ ...fixed, output: x, neighbourOutput: b }, settings), a),
      numericGradient((x) => reference(x, neighbour), current),
      1e-5,
    );
    expectClose(
      await tfGradient((x) => temporalLoss({ ...fixed, output: a, neighbourOutput: x }, settings), b),
      numericGradient((x) => reference(current, x), neighbour),
      1e-5,
    );
    tf.dispose([a, b, ...Object.values(fixed)]);
  });

  it('marks pixels whose backward flow does not return as occluded', async () => {
    // Forward (1, 0) everywhere; backward (-1, 0) except at x = 2 of the one row, where it is
    // (3, 0). Pixels whose target x + 1 lands on x = 2 (that is, x = 1) fail the test.
    const forward = constantFlow(1, 1, 4, 1, 0);
    const backward = tf.tensor4d([-1, 0, -1, 0, 3, 0, -1, 0], [1, 1, 4, 2]);
    const mask = forwardBackwardMask(forward, backward, { relative: 0.01, absolute: 0.5 });
    expect(Array.from(await mask.data())).toEqual([1, 0, 1, 1]);
    tf.dispose([forward, backward, mask]);
  });

  it('averages over the neighbours that have flows, and says what is missing', async () => {
    const loss = new TemporalLoss(SETTINGS);
    const zero = tf.zeros([1, 3, 3, 2]);
    const one = tf.ones([1, 3, 3, 2]);
    const images = [0, 1, 2].map(() => tf.zeros([1, 3, 3, 3]));
    const flow = tf.zeros([1, 3, 3, 2]);
    // Frame t is 0 everywhere; neighbour 0 agrees, neighbour 2 differs by 1 everywhere.
    const inputs = clipInputs(1, [{ logits: zero }, { logits: zero }, { logits: one }], undefined, { images, flows: [flow, undefined, flow] });
    expect(await scalarValue(loss.compute(inputs))).toBeCloseTo(0.5, 6);
    expect(() => loss.compute(clipInputs(0, [{ logits: zero }], undefined, { images }))).toThrow(
      'temporal loss: needs a neighbour frame with a flow from frame t, got 1 frame(s) and no flows',
    );
    const fb = new TemporalLoss(temporalOptions.parse({ mask: 'forward-backward' }));
    expect(() => fb.compute({ ...inputs })).toThrow(UsageError);
    expect(() => fb.compute({ ...inputs })).toThrow(/forward-backward mask needs the backward flow/);
    const smallImages = [0, 1, 2].map(() => tf.zeros([1, 2, 2, 3]));
    expect(() => loss.compute({ ...inputs, images: smallImages })).toThrow(
      "temporal loss: image of frame t must have shape [N, H, W, 3] (the flow's size) = [1, 3, 3, 3], got [1, 2, 2, 3]",
    );
    tf.dispose([zero, one, flow, ...images, ...smallImages]);
  });
});
