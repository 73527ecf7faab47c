import * as tf from '@tensorflow/tfjs-core';
import { SeededRandom } from '@vidseg/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomValues } from '../../../test/nhwc.js';
import { BACKENDS, useBackend } from '../../../test/tf-setup.js';
import { pretrainConvLstm } from './pretrain-convlstm.js';

describe.each(BACKENDS)('pretrainConvLstm on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('learns to predict the next map of predictable sequences, and leaks no tensor', async () => {
    // Each sequence repeats one random map three times: the next map is the current one.
    async function* sequences() {
      for (let s = 0; s < 10; s++) {
        const map = randomValues(36, 500 + s, 0.8);
        yield [0, 1, 2].map(() => tf.tensor4d(map, [1, 6, 6, 1]));
      }
    }
    const before = tf.memory().numTensors;
    const result = await pretrainConvLstm(sequences, { inputChannels: 1, hiddenChannels: 4, kernelSize: 3 }, { steps: 150, learningRate: 0.02 }, new SeededRandom(1));
    expect(result.lastLoss).toBeLessThan(result.firstLoss / 4);
    expect(tf.memory().numTensors).toBe(before + 2); // the frozen cell's kernel and bias
    result.cell.dispose();
  });
});
