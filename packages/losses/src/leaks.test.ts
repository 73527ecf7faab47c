import * as tf from '@tensorflow/tfjs-core';
import type { LossInputs, LossTerm } from '@vidseg/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomValues } from '../test/nhwc.js';
import { useBackend } from '../test/tf-setup.js';
import { MultiFrameDistiller, multiFrameOptions } from './distillation/multi-frame-distiller.js';
import { PairWiseDistiller, pairWiseOptions } from './distillation/pair-wise-distiller.js';
import { PairWiseFrameDistiller, pairWiseFrameOptions } from './distillation/pair-wise-frame-distiller.js';
import { PixelWiseDistiller, pixelWiseOptions } from './distillation/pixel-wise-distiller.js';
import { CrossEntropyLoss, crossEntropyOptions } from './segmentation/cross-entropy-loss.js';
import { TemporalLoss, temporalOptions } from './temporal/temporal-loss-term.js';

describe('every loss term frees what it creates', () => {
  beforeAll(() => useBackend('cpu'));

  it('leaves the live tensor count unchanged after computing a value and a gradient', () => {
    const frames = [0, 1, 2];
    const random = (shape: number[], seed: number) => tf.tensor(randomValues(shape.reduce((a, b) => a * b, 1), seed), shape);
    const student = frames.map((f) => ({ logits: random([1, 4, 4, 3], f), features: random([1, 4, 4, 6], 10 + f), auxLogits: random([1, 4, 4, 3], 20 + f) }));
    const teacher = frames.map((f) => ({ logits: random([1, 8, 8, 3], 30 + f), features: random([1, 4, 4, 6], 40 + f) }));
    const flow = random([1, 8, 8, 2], 50);
    const inputs: LossInputs<tf.Tensor> = {
      target: 1,
      images: frames.map((f) => random([1, 8, 8, 3], 60 + f)),
      student,
      teacher,
      labels: tf.tensor3d(randomValues(64, 70).map((v) => Math.floor((v + 1) * 1.5)), [1, 8, 8], 'int32'),
      flows: [flow, undefined, flow],
      backwardFlows: [flow, undefined, flow],
    };
    const terms: LossTerm<tf.Tensor>[] = [
      new CrossEntropyLoss(crossEntropyOptions.parse({ ohem: { minKept: 10 } })),
      new TemporalLoss(temporalOptions.parse({ mask: 'forward-backward', resolution: 'output' })),
      new TemporalLoss(temporalOptions.parse({ space: 'probabilities' })),
      new PixelWiseDistiller(pixelWiseOptions.parse({})),
      new PairWiseFrameDistiller(pairWiseFrameOptions.parse({})),
      new PairWiseDistiller(pairWiseOptions.parse({})),
      new MultiFrameDistiller(multiFrameOptions.parse({ poolSize: 2, init: 'random-frozen' }), { seed: 1 }),
    ];
    for (const term of terms) {
      const before = tf.memory().numTensors;
      term.compute(inputs).dispose();
      const gradient = tf.grad((x: tf.Tensor) => term.compute({ ...inputs, student: student.map((s, i) => (i === 1 ? { ...s, logits: x, features: tf.tile(x, [1, 1, 1, 2]) } : s)) }))(student[1]!.logits);
      gradient.dispose();
      expect(tf.memory().numTensors, term.name).toBe(before);
    }
  });
});
