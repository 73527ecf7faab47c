import { DataError, UsageError, type LabelMap, type PluginEntry, type SequenceFrame } from '@vidseg/core';
import { describe, expect, it } from 'vitest';
import { CrossEntropyLoss, crossEntropyOptions } from './cross-entropy-loss.js';
import { medianFrequencyWeights, resolveMedianFrequencyWeights } from './median-frequency.js';

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

describe('resolveMedianFrequencyWeights', () => {
  // The two maps of the first test above, as a dataset of 4 classes with ignore label 255.
  const labels = [map([0, 0, 1, 255]), map([0, 2, 2, 2])];
  let reads = 0;
  const dataset = {
    name: 'tiny',
    split: 'train',
    size: labels.length,
    classes: ['a', 'b', 'c', 'd'],
    ignoreLabel: 255,
    frame: async (position: number) => {
      reads++;
      return { id: `f${position}`, label: labels[position] } as unknown as SequenceFrame;
    },
  };

  it("replaces 'median-frequency' in cross-entropy entries by the hand-computed weights, leaving other entries alone", async () => {
    reads = 0;
    const losses: PluginEntry[] = [{ type: 'cross-entropy', classWeights: 'median-frequency', auxWeight: 0.2 }, { type: 'temporal', weight: 1 }, 'pixel-wise'];
    const resolved = await resolveMedianFrequencyWeights(losses, dataset);
    expect(reads).toBe(2);
    const weights = (resolved.losses[0] as Record<string, unknown>)['classWeights'] as number[];
    [1, 9 / 7, 4 / 7, 0].forEach((w, c) => expect(weights[c]).toBeCloseTo(w, 12));
    expect(resolved.losses[0]).toMatchObject({ type: 'cross-entropy', auxWeight: 0.2 });
    expect(resolved.losses.slice(1)).toEqual(losses.slice(1));
    expect(resolved.computed?.absentClasses).toEqual([3]);
    expect(losses[0]).toMatchObject({ classWeights: 'median-frequency' });
  });

  it('reads no label map when no entry asks, and names a frame without labels', async () => {
    reads = 0;
    const plain: PluginEntry[] = [{ type: 'cross-entropy', classWeights: [1, 2, 3, 4] }];
    expect((await resolveMedianFrequencyWeights(plain, dataset)).losses).toEqual(plain);
    expect(reads).toBe(0);
    const unlabelled = { ...dataset, frame: async (p: number) => ({ id: `f${p}` }) as unknown as SequenceFrame };
    await expect(resolveMedianFrequencyWeights([{ type: 'cross-entropy', classWeights: 'median-frequency' }], unlabelled)).rejects.toThrow(
      'frame f0 of tiny/train has no label map',
    );
  });

  it('is refused by the loss itself when left unresolved, with what to do', () => {
    const options = crossEntropyOptions.parse({ classWeights: 'median-frequency' });
    expect(() => new CrossEntropyLoss(options)).toThrow(UsageError);
    expect(() => new CrossEntropyLoss(options)).toThrow(/resolveMedianFrequencyWeights/);
  });
});
