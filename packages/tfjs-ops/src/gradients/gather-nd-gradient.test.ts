import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, it } from 'vitest';
import { BACKENDS, useBackend } from '../../test/backends.js';
import { expectGradientsMatchNumerical } from '../../test/gradient-check.js';
import { uniformValues } from '../../test/random.js';

describe.each(BACKENDS)('GatherNd gradient on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('matches numerical gradients, repeated indices included', () => {
    const indices = [
      [0, 1],
      [2, 0],
      [0, 1],
      [1, 2],
    ];
    expectGradientsMatchNumerical((x) => tf.gatherND(x, tf.tensor2d(indices, [4, 2], 'int32')), [{ values: uniformValues(3 * 3 * 2, 121), shape: [3, 3, 2] }], {
      step: 0.5,
      tolerance: 1e-6,
    });
  });
});
