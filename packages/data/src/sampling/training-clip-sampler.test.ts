import { DataError, SeededRandom, type ClipDataset, type ClipFrame, type ClipSample, type FlowField, type ImageFrame, type NeighbourFlow, type SequenceFrame } from '@vidseg/core';
import { ExactFlowEstimator } from '@vidseg/flow';
import { describe, expect, it } from 'vitest';
import { writeTinyCamvid } from '../../test/camvid-fixture.js';
import { cleanSynthetic, coverage, warpError } from '../../test/clip-fixtures.js';
import { FakeDataset, smoothTexture } from '../../test/fake-dataset.js';
import { CamvidDataset } from '../datasets/camvid/camvid-dataset.js';
import { TrainingClipSampler } from './training-clip-sampler.js';

/**
 * Real-video stand-in: frame t + k is a 96x128 window of one smooth texture moved by (2k, k), so
 * the true flow from t to t + k is (2k, k) everywhere; no exact flow is offered (raw neighbours).
 */
class PanningVideo implements ClipDataset {
  readonly name = 'panning';
  readonly split = 'unlabelled';
  readonly classes: readonly string[] = [];
  readonly ignoreLabel = 255;
  readonly size = 6;
  private readonly canvas = smoothTexture(180, 140, 1);

  private window(index: number): ImageFrame {
    const [height, width] = [96, 128];
    const data = new Uint8Array(height * width * 3);
    // Content moves by (2, 1) per frame: the window's origin moves by (-2, -1).
    const [x0, y0] = [30 - 2 * index, 30 - index];
    for (let y = 0; y < height; y++) data.set(this.canvas.data.subarray(3 * ((y0 + y) * 180 + x0), 3 * ((y0 + y) * 180 + x0 + width)), 3 * y * width);
    return { width, height, channels: 3, data };
  }

  async frame(position: number): Promise<SequenceFrame> {
    return { image: this.window(position), id: `p${position}`, sequence: 'pan', index: position };
  }

  async neighbour(position: number, offset: number): Promise<ClipFrame | undefined> {
    const index = position + offset;
    return index >= 0 && index < this.size + 3 ? { image: this.window(index), id: `p${index}` } : undefined;
  }
}

/** The true flows of {@link PanningVideo}, masked where the displaced point leaves the frame. */
const panningFlow: NeighbourFlow = {
  async estimate(target, other) {
    const k = Number(other.id.slice(1)) - Number(target.id.slice(1));
    const uniform = (dx: number, dy: number): { flow: FlowField; valid: Uint8Array } => {
      const { width, height } = target.image;
      const data = new Float32Array(width * height * 2);
      const valid = new Uint8Array(width * height);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const p = y * width + x;
          data[2 * p] = dx;
          data[2 * p + 1] = dy;
          valid[p] = x + dx >= 0 && x + dx < width && y + dy >= 0 && y + dy < height ? 1 : 0;
        }
      }
      return { flow: { width, height, data }, valid };
    };
    return { ...uniform(2 * k, k), backward: uniform(-2 * k, -k) };
  },
};

const noAugmentation = { scale: [1, 1] as [number, number], maxRotation: 0, flipProbability: 0, brightness: 0, contrast: 0, saturation: 0 };
const augmentation = { scale: [0.8, 1.3] as [number, number], maxRotation: 6, flipProbability: 0.5 };

/**
 * Mean absolute error (levels of 255) left by interpolation when a neighbour is warped onto the
 * target along its exact flow. The target is resampled once (the augmentation), the neighbour two or
 * three times (pseudo-motion, the augmentation, the warp), and one bilinear resampling of these
 * textures errs by about a level on average (noise-free synthetic frames: their own flows reproduce
 * them to about 1 level; smoothTexture: 1.05 at a half-pixel offset). Up to about 2 levels are
 * measured here; a flow that is off by a pixel or more costs several times that (the `unmoved`
 * comparisons below, and 5 to 35 levels for the stronger pseudo-motion).
 */
const INTERPOLATION_ERROR = 2.5;

/**
 * The exactness check on every neighbour i of `sample`: neighbour i warped back along the
 * flow target -> i reproduces the target inside that flow's mask, and the target warped along the
 * flow i -> target reproduces neighbour i inside its mask. Returns the summed forward errors with and
 * without warping (the latter with a zero flow).
 */
function expectExactNeighbours(sample: ClipSample, minCoverage: number): { warped: number; unmoved: number } {
  const target = sample.frames[sample.target]!.image;
  let warped = 0;
  let unmoved = 0;
  sample.frames.forEach((frame, i) => {
    if (i === sample.target) return;
    const flow = sample.exactFlows![i]!;
    const mask = sample.exactFlowMasks![i]!;
    const backMask = sample.exactBackwardFlowMasks![i]!;
    expect(coverage(mask)).toBeGreaterThan(minCoverage);
    expect(coverage(backMask)).toBeGreaterThan(minCoverage);
    const forward = warpError(target, frame.image, flow, mask).mean;
    expect(forward).toBeLessThan(INTERPOLATION_ERROR);
    expect(warpError(frame.image, target, sample.exactBackwardFlows![i]!, backMask).mean).toBeLessThan(INTERPOLATION_ERROR);
    warped += forward;
    unmoved += warpError(target, frame.image, { ...flow, data: new Float32Array(flow.data.length) }, mask).mean;
  });
  return { warped, unmoved };
}

describe('TrainingClipSampler', () => {
  it('keeps flows exact through scale, rotation, flip, crop and colour jitter', async () => {
    const data = cleanSynthetic({ size: [96, 128] });
    const sampler = new TrainingClipSampler(data, { cropSize: [64, 80], ...augmentation });
    const random = new SeededRandom(3);
    let warped = 0;
    let still = 0;
    for (let k = 0; k < 8; k++) {
      const sample = await sampler.sample(k * 2, random);
      const other = 1 - sample.target;
      const target = sample.frames[sample.target]!;
      expect(target.image).toMatchObject({ width: 80, height: 64 });
      const errors = expectExactNeighbours(sample, 0.3);
      warped += errors.warped;
      still += errors.unmoved;
      // The exact estimator answers for the augmented frames in both directions.
      const estimator = new ExactFlowEstimator();
      expect(await estimator.estimate(target.image, sample.frames[other]!.image)).toBe(sample.exactFlows![other]);
      expect(await estimator.estimate(sample.frames[other]!.image, target.image)).toBe(sample.exactBackwardFlows![other]);
      for (const v of target.label!.data) expect(v === 11 || v <= 10).toBe(true);
    }
    // The exact flow explains the motion: warping removes most of the frame-to-frame difference.
    expect(warped).toBeLessThan(0.5 * still);
  });

  it('keeps both flows of a triplet exact: t - k and t + k each warp onto t', async () => {
    const data = cleanSynthetic({ size: [96, 128] });
    const sampler = new TrainingClipSampler(data, { mode: 'triplet', gaps: [2, 3], cropSize: [64, 80], ...augmentation });
    const random = new SeededRandom(5);
    let warped = 0;
    let still = 0;
    for (let k = 0; k < 6; k++) {
      const sample = await sampler.sample(3 + 2 * k, random);
      expect(sample.target).toBe(1);
      expect(sample.exactFlows!.map((f) => f !== undefined)).toEqual([true, false, true]);
      const errors = expectExactNeighbours(sample, 0.3);
      warped += errors.warped;
      still += errors.unmoved;
    }
    expect(warped).toBeLessThan(0.5 * still);
  });

  it('keeps pseudo-motion flows of a decoded still exact through the augmentation, in pairs and triplets', async () => {
    // The CamVid training path: stills at 1 Hz, no raw neighbours, so every neighbour is pseudo-motion
    // (here stronger than the default, so a wrong flow could not hide in the interpolation error).
    const root = await writeTinyCamvid({ train: ['A_f00030', 'A_f00060', 'A_f00090'] }, (i) => smoothTexture(80, 60, i));
    const camvid = new CamvidDataset({ root, split: 'train', pseudoMotion: { translation: 0.03, rotation: 1, zoom: 0.02, deformation: 1 } });
    for (const mode of ['pair', 'triplet'] as const) {
      const sampler = new TrainingClipSampler(camvid, { mode, cropSize: [48, 64], ...augmentation });
      const random = new SeededRandom(7);
      let warped = 0;
      let still = 0;
      for (let k = 0; k < 6; k++) {
        const sample = await sampler.sample(k % 3, random);
        expect(sample.frames.map((f) => f.id).filter((id) => id.includes('~pseudo'))).toHaveLength(sample.frames.length - 1);
        expect(sample.frames[sample.target]!.image).toMatchObject({ width: 64, height: 48 });
        const errors = expectExactNeighbours(sample, 0.8);
        warped += errors.warped;
        still += errors.unmoved;
      }
      expect(warped).toBeLessThan(0.2 * still);
    }
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

describe('TrainingClipSampler with estimated flows for raw neighbours', () => {
  it('carries the estimated flows through the shared augmentation, like exact ones', async () => {
    const sampler = new TrainingClipSampler(new PanningVideo(), { mode: 'triplet', gaps: [1, 2], cropSize: [64, 80], ...augmentation }, { neighbourFlow: panningFlow });
    const random = new SeededRandom(5);
    let warped = 0;
    let unmoved = 0;
    for (let position = 2; position < 6; position++) {
      const sample = await sampler.sample(position, random);
      expect(sample.frames).toHaveLength(3);
      const errors = expectExactNeighbours(sample, 0.5);
      warped += errors.warped;
      unmoved += errors.unmoved;
    }
    expect(warped).toBeLessThan(0.3 * unmoved);
  });

  it('leaves raw neighbours without flow when no estimator is given', async () => {
    const sample = await new TrainingClipSampler(new PanningVideo(), noAugmentation).sample(2, new SeededRandom(0));
    expect(sample.exactFlows).toBeUndefined();
  });
});
