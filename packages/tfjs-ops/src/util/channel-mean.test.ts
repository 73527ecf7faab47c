import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { BACKENDS, valuesOn } from '../../test/backends.js';
import { uniformValues } from '../../test/random.js';
import { channelMean } from './channel-mean.js';

describe.each(BACKENDS)('channelMean on %s', (backend) => {
  it('is the mean of each column, over many rows', async () => {
    const [count, channels] = [5000, 7];
    const values = uniformValues(count * channels, 31, -2, 3);
    const expected = Array.from({ length: channels }, (_, c) => {
      let sum = 0;
      for (let r = 0; r < count; r++) sum += values[r * channels + c]!;
      return sum / count;
    });
    const mean = await valuesOn(backend, () => channelMean(tf.tensor2d(values, [count, channels])));
    expect(mean.length).toBe(channels);
    mean.forEach((m, c) => expect(m).toBeCloseTo(expected[c]!, 5));
  });
});
