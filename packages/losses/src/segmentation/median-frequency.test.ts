import { DataError, type LabelMap } from '@vidseg/core';
import { describe, expect, it } from 'vitest';
import { medianFrequencyWeights } from './median-frequency.js';

const map = (values: number[]): LabelMap => ({ width: values.length, height: 1, data: Uint8Array.from(values) });

describe('medianFrequencyWeights', () => {
  it('matches a hand computation, with an absent class and ignored pixels', async () => {
    // Map A: class 0 x2, class 1 x1 (3 labelled). Map B: class 0 x1, class 2 x3 (4 labelled).
    // freq(0) = 3/7, freq(1) = 1/3, freq(2) = 3/4; median 3/7; class 3 never occurs.
    const result = await medianFrequencyWeights([map([0, 0, 1, 255]), map([0, 2, 2, 2])], 4, 255);
    expect(result.pixelCounts).toEqual([3, 1, 3, 0]);
    expect(result.absentClasses).toEqual([3]);
    const expected = [1, 9 / 7, 4 / 7, 0];
    result.weights.forEach((w, c) => expect(w).toBeCloseTo(expected[c]!, 12));
  });

  it('reads async iterables (a dataset) and takes the mean of the middle pair for an even count', async () => {
    async function* maps() {
      yield map([0, 1, 1, 1]); // freq 1/4, 3/4
      yield map([0, 0, 0, 1]); // totals: class 0 4/8, class 1 4/8
      yield map([2, 2, 3, 3]); // class 2: 2/4, class 3: 2/4
    }
    const result = await medianFrequencyWeights(maps(), 4, 255);
    // All four frequencies are 1/2: the median is 1/2 and every weight 1.
    expect(result.weights).toEqual([1, 1, 1, 1]);
  });

  it('names the map and pixel of a value outside the classes', async () => {
    await expect(medianFrequencyWeights([map([0, 1]), map([1, 7])], 3, 255)).rejects.toThrow(DataError);
    await expect(medianFrequencyWeights([map([0, 1]), map([1, 7])], 3, 255)).rejects.toThrow(
      'label map #1 has value 7 at pixel 1, outside the 3 classes and the ignore label 255',
    );
    await expect(medianFrequencyWeights([map([255])], 3, 255)).rejects.toThrow(/no labelled pixel in 1 label map/);
  });
});
