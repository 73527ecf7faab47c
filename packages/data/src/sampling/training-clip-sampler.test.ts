import { DataError, SeededRandom } from '@vidseg/core';
import { ExactFlowEstimator } from '@vidseg/flow';
import { describe, expect, it } from 'vitest';
import { cleanSynthetic, coverage, warpError } from '../../test/clip-fixtures.js';
import { FakeDataset } from '../../test/fake-dataset.js';
import { TrainingClipSampler } from './training-clip-sampler.js';

const noAugmentation = { scale: [1, 1] as [number, number], maxRotation: 0, flipProbability: 0, brightness: 0, contrast: 0, saturation: 0 };

describe('TrainingClipSampler', () => {
  it('keeps flows exact through scale, rotation, flip, crop and colour jitter', async () => {
    const data = cleanSynthetic({ size: [96, 128] });
    const sampler = new TrainingClipSampler(data, { cropSize: [64, 80], scale: [0.8, 1.3], maxRotation: 6, flipProbability: 0.5 });
    const random = new SeededRandom(3);
    let warped = 0;
    let still = 0;
    for (let k = 0; k < 8; k++) {
      const sample = await sampler.sample(k * 2, random);
      const other = 1 - sample.target;
      const target = sample.frames[sample.target]!;
      const flow = sample.exactFlows![other]!;
      const mask = sample.exactFlowMasks![other]!;
      expect(target.image).toMatchObject({ width: 80, height: 64 });
      expect(coverage(mask)).toBeGreaterThan(0.3);
      const error = warpError(target.image, sample.frames[other]!.image, flow, mask);
      const unmoved = warpError(target.image, sample.frames[other]!.image, { ...flow, data: new Float32Array(flow.data.length) }, mask);
      expect(error.mean).toBeLessThan(2.5);
      warped += error.mean;
      still += unmoved.mean;
      const back = warpError(sample.frames[other]!.image, target.image, sample.exactBackwardFlows![other]!, sample.exactBackwardFlowMasks![other]!);
      expect(back.mean).toBeLessThan(2.5);
      expect(back.pixels).toBeGreaterThan(0.3 * 64 * 80);
      // The exact estimator answers for the augmented frames in both directions.
      const estimator = new ExactFlowEstimator();
      expect(await estimator.estimate(target.image, sample.frames[other]!.image)).toBe(flow);
      expect(await estimator.estimate(sample.frames[other]!.image, target.image)).toBe(sample.exactBackwardFlows![other]);
      for (const v of target.label!.data) expect(v === 11 || v <= 10).toBe(true);
    }
    // The exact flow explains the motion: warping removes most of the frame-to-frame difference.
    expect(warped).toBeLessThan(0.5 * still);
  });

  it('mirrors a flip exactly: the image is mirrored and the flow negated in x', async () => {
    const data = cleanSynthetic({ size: [40, 56] });
    const plain = await new TrainingClipSampler(data, { ...noAugmentation, gaps: [2] }).sample(1, new SeededRandom(0));
    const mirrored = await new TrainingClipSampler(data, { ...noAugmentation, gaps: [2], flipProbability: 1 }).sample(1, new SeededRandom(0));
    const w = 56;
    for (const [x, y] of [[0, 0], [10, 30], [55, 39], [27, 20]] as const) {
      const p = y * w + x;
      const q = y * w + (w - 1 - x);
      for (let k = 0; k < 3; k++) expect(mirrored.frames[1]!.image.data[3 * q + k]).toBe(plain.frames[1]!.image.data[3 * p + k]);
      expect(mirrored.frames[0]!.label!.data[q]).toBe(plain.frames[0]!.label!.data[p]);
      expect(mirrored.exactFlows![1]!.data[2 * q]).toBeCloseTo(-plain.exactFlows![1]!.data[2 * p]!, 5);
      expect(mirrored.exactFlows![1]!.data[2 * q + 1]).toBeCloseTo(plain.exactFlows![1]!.data[2 * p + 1]!, 5);
      expect(mirrored.exactFlowMasks![1]![q]).toBe(plain.exactFlowMasks![1]![p]);
    }
  });

  it('passes frames, labels and flows through unchanged when no augmentation is drawn', async () => {
    const data = cleanSynthetic({ size: [40, 56] });
    const sample = await new TrainingClipSampler(data, { ...noAugmentation, gaps: [-2] }).sample(5, new SeededRandom(1));
    const target = await data.frame(5);
    const neighbour = await data.exactNeighbour(5, -2);
    expect(sample.target).toBe(1);
    expect(sample.frames.map((f) => f.id)).toEqual([neighbour.frame.id, target.id]);
    expect(sample.frames[1]!.image.data).toEqual(target.image.data);
    expect(sample.frames[1]!.label!.data).toEqual(target.label!.data);
    expect(sample.frames[0]!.image.data).toEqual(neighbour.frame.image.data);
    expect(sample.exactFlows![0]!.data).toEqual(neighbour.flow.data);
    expect(sample.exactFlows![1]).toBeUndefined();
    // Only pixels whose flow agrees with its neighbours' within tolerance at the target stay valid; an
    // unchanged flow samples one pixel, so the mask is the dataset's own.
    expect(sample.exactFlowMasks![0]).toEqual(neighbour.valid);
  });

  it('draws triplets (t - k, t, t + k) with exact flows to both neighbours', async () => {
    const data = cleanSynthetic({ size: [40, 56] });
    const sample = await new TrainingClipSampler(data, { mode: 'triplet', gaps: [-1, 2] }).sample(3, new SeededRandom(2));
    expect(sample.frames.map((f) => f.id)).toEqual(['synthetic-train-000_0001', 'synthetic-train-000_0003', 'synthetic-train-000_0005']);
    expect(sample.target).toBe(1);
    expect(sample.exactFlows!.map((f) => f !== undefined)).toEqual([true, false, true]);
  });

  it('falls back to the gaps a dataset has frames for, and names the frame when it has none', async () => {
    const sampler = new TrainingClipSampler(new FakeDataset(4, [2]), noAugmentation);
    for (let seed = 0; seed < 5; seed++) {
      const sample = await sampler.sample(1, new SeededRandom(seed));
      expect(sample.frames.map((f) => f.id)).toEqual(['f1', 'f1+2']);
      expect(sample.exactFlows).toBeUndefined();
    }
    const none = new TrainingClipSampler(new FakeDataset(4, []), noAugmentation);
    await expect(none.sample(3, new SeededRandom(0))).rejects.toThrow(DataError);
    await expect(none.sample(3, new SeededRandom(0))).rejects.toThrow('fake train: frame f3 (position 3) has no neighbour at any offset in [-3, -2, -1, 1, 2, 3]');
    expect(() => new TrainingClipSampler(new FakeDataset(4, []), { mode: 'triplet', gaps: [-1] })).toThrow(/positive gap/);
  });
});
