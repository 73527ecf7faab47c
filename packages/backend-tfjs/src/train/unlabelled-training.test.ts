import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  PER_FRAME_REQUIREMENTS,
  pluginRegistry,
  TOKENS,
  vidsegConfigSchema,
  zeroFlow,
  type ClipDataset,
  type ClipSample,
  type ClipSampler,
  type LossInputs,
  type LossTerm,
  type NeighbourFlowFactory,
  type RandomSource,
  type SequenceFrame,
} from '@vidseg/core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterEachStep } from '../../test/after-each-step.js';
import { SquaresSampler } from '../../test/synthetic-clips.js';
import { testContainer } from '../../test/test-plugins.js';
import { buildTrainingRun } from './build-training-run.js';

const HEIGHT = 16;
const WIDTH = 24;

/** Whether every pixel of clip `n` of an NHWC batch has one value (the unlabelled test frames do). */
function uniformClips(images: tf.Tensor4D): boolean[] {
  const [n, h, w, c] = images.shape;
  const data = images.dataSync();
  const size = h * w * c;
  return Array.from({ length: n }, (_, i) => {
    const first = data[i * size]!;
    for (let k = 1; k < size; k++) if (data[i * size + k] !== first) return false;
    return true;
  });
}

/** Remembers, for every clip it is computed on, whether the clip was an unlabelled (uniform) one. */
class ClipRecorder {
  readonly seen: boolean[] = [];
  record(inputs: LossInputs<tf.Tensor>): number {
    const uniform = uniformClips(inputs.images[inputs.target]! as tf.Tensor4D);
    this.seen.push(...uniform);
    return uniform.filter(Boolean).length / uniform.length;
  }
}

/** Cross-entropy-like: needs labels; its value is the share of unlabelled clips it saw (always 0 if right). */
class LabelledRecordingTerm implements LossTerm<tf.Tensor> {
  readonly name = 'recording-labelled';
  readonly requires = PER_FRAME_REQUIREMENTS;
  constructor(private readonly recorder: ClipRecorder) {}
  compute(inputs: LossInputs<tf.Tensor>): tf.Tensor {
    if (!inputs.labels) throw new Error('a term that needs labels was computed without labels');
    const share = this.recorder.record(inputs);
    return tf.add(tf.mul(tf.mean(inputs.student[inputs.target]!.logits), 0), share);
  }
}

/**
 * Temporal-like: needs neighbours and flow, no labels; its value is the share of unlabelled clips it
 * saw plus `studentWeight` x the mean squared logits (so the unlabelled clips can shape the gradients).
 */
class LabelFreeRecordingTerm implements LossTerm<tf.Tensor> {
  readonly name = 'recording-label-free';
  readonly requires = { ...PER_FRAME_REQUIREMENTS, labels: false, neighbours: true };
  constructor(
    private readonly recorder: ClipRecorder,
    private readonly studentWeight: number,
  ) {}
  compute(inputs: LossInputs<tf.Tensor>): tf.Tensor {
    if (!inputs.flows?.some((f) => f)) throw new Error('the label-free term was computed without flow');
    const share = this.recorder.record(inputs);
    return tf.add(tf.mul(tf.mean(tf.square(inputs.student[inputs.target]!.logits)), this.studentWeight), share);
  }
}

/** Pairs of one squares frame shown twice (zero exact flow), so the label-free term has a neighbour. */
class SquarePairs implements ClipSampler {
  private readonly squares = new SquaresSampler(8, HEIGHT, WIDTH);
  readonly size = 8;
  async sample(position: number, random: RandomSource): Promise<ClipSample> {
    const { frames } = await this.squares.sample(position, random);
    return { frames: [frames[0]!, frames[0]!], target: 0, exactFlows: [undefined, zeroFlow(WIDTH, HEIGHT)] };
  }
}

/** Unlabelled "video": uniform grey frames of a random level, in pairs without exact flow. */
class GreyVideo implements ClipDataset {
  readonly name = 'grey-video';
  readonly split = 'unlabelled';
  readonly classes = [];
  readonly ignoreLabel = 255;
  readonly size = 5;
  async frame(position: number): Promise<SequenceFrame> {
    const level = 20 + position * 40;
    return { id: `grey-${position}`, sequence: 'grey', index: position, image: { width: WIDTH, height: HEIGHT, channels: 3, data: new Uint8Array(WIDTH * HEIGHT * 3).fill(level) } };
  }
  async neighbour(position: number, offset: number) {
    const at = position + offset;
    return at >= 0 && at < this.size ? this.frame(at) : undefined;
  }
}

/** A sampler of (t, t + 1) pairs of the grey video whose flow comes from the neighbour flow, as real video's does. */
class GreyPairs implements ClipSampler {
  constructor(
    private readonly dataset: GreyVideo,
    private readonly flow: ReturnType<NeighbourFlowFactory>,
  ) {}
  get size(): number {
    return this.dataset.size - 1;
  }
  async sample(position: number): Promise<ClipSample> {
    const target = await this.dataset.frame(position);
    const other = (await this.dataset.neighbour(position, 1))!;
    const { flow } = await this.flow.estimate(target, other);
    return { frames: [target, other], target: 0, exactFlows: [undefined, flow] };
  }
}

function unlabelledContainer(labelled: ClipRecorder, labelFree: ClipRecorder, studentWeight = 0) {
  const container = testContainer();
  const registry = pluginRegistry(container);
  registry.add({ kind: 'dataset', name: 'grey-video', packageName: 'tests', description: 'uniform frames', options: z.object({}), factory: () => new GreyVideo() });
  registry.add({ kind: 'loss', name: 'recording-labelled', packageName: 'tests', description: '', options: z.object({}), factory: () => new LabelledRecordingTerm(labelled) });
  registry.add({ kind: 'loss', name: 'recording-label-free', packageName: 'tests', description: '', options: z.object({}), factory: () => new LabelFreeRecordingTerm(labelFree, studentWeight) });
  registry.add({ kind: 'flow', name: 'zero', packageName: 'tests', description: 'zero flow', options: z.object({}), factory: () => ({ name: 'zero', cacheKey: 'zero', estimate: async (a: { width: number; height: number }) => zeroFlow(a.width, a.height) }) });
  const neighbourFlow: NeighbourFlowFactory = (estimator) => ({
    async estimate(target, other) {
      const flow = await estimator.estimate(target.image, other.image);
      const valid = new Uint8Array(flow.width * flow.height).fill(1);
      return { flow, valid, backward: { flow, valid } };
    },
  });
  container.register(TOKENS.neighbourFlowFactory, { useValue: neighbourFlow });
  container.register(TOKENS.clipSamplerFactory, {
    useValue: (dataset: ClipDataset, _options: unknown, _location: unknown, context?: { neighbourFlow?: ReturnType<NeighbourFlowFactory> }) =>
      dataset instanceof GreyVideo ? new GreyPairs(dataset, context!.neighbourFlow!) : new SquarePairs(),
  });
  return container;
}

function config(extra: Record<string, unknown> = {}) {
  return vidsegConfigSchema.parse({
    seed: 3,
    backend: { type: 'cpu' },
    model: { type: 'test-net', width: 4 },
    data: { train: { type: 'squares' }, unlabelled: { datasets: [{ type: 'grey-video' }], ratio: 1.5, flow: { type: 'zero' } } },
    losses: [
      { type: 'recording-labelled', weight: 1 },
      { type: 'recording-label-free', weight: 0.1 },
    ],
    train: { steps: 4, batchSize: 2, lr: 0.01, logEvery: 1, checkpointEvery: 2 },
    ...extra,
  });
}

describe('training with data.unlabelled', { timeout: 300_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vidseg-unlabelled-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('feeds unlabelled clips only to the terms that need no labels, and mixes their values by clip count', async () => {
    const labelled = new ClipRecorder();
    const labelFree = new ClipRecorder();
    const terms: Record<string, number>[] = [];
    const run = await buildTrainingRun({ config: config(), container: unlabelledContainer(labelled, labelFree), hooks: [afterEachStep((r) => terms.push(r.terms))] });
    await run.run();
    await run.dispose();
    // 4 steps x 2 labelled clips: the labelled term never saw a uniform (unlabelled) clip.
    expect(labelled.seen).toHaveLength(8);
    expect(labelled.seen.every((uniform) => !uniform)).toBe(true);
    // The label-free term saw the 2 labelled and the 3 (ratio 1.5 x batch 2) unlabelled clips of every step.
    expect(labelFree.seen.filter((u) => !u)).toHaveLength(8);
    expect(labelFree.seen.filter((u) => u)).toHaveLength(12);
    for (const record of terms) {
      expect(record['losses[0]:recording-labelled']).toBe(0);
      // (2 labelled clips x 0 + 3 unlabelled clips x 1) / 5.
      expect(record['losses[1]:recording-label-free']).toBeCloseTo(0.6, 6);
    }
  });

  it('resumes the unlabelled clips where they stood: a resumed run gives the uninterrupted losses', async () => {
    const losses = async (runDir: string | undefined, resume: boolean, stopAt?: number): Promise<number[]> => {
      const seen: number[] = [];
      const run = await buildTrainingRun({
        config: config(),
        container: unlabelledContainer(new ClipRecorder(), new ClipRecorder(), 1),
        ...(runDir ? { runDir } : {}),
        ...(resume ? { resume: true } : {}),
        hooks: [
          afterEachStep((r, view) => {
            seen.push(r.loss);
            if (r.step === stopAt) view.stop();
          }),
        ],
      });
      await run.run();
      await run.dispose();
      return seen;
    };
    const straight = await losses(undefined, false);
    const runDir = join(dir, 'resume');
    const resumed = [...(await losses(runDir, false, 2)), ...(await losses(runDir, true))];
    expect(resumed).toEqual(straight);
  });

  it('rejects unlabelled data when every term needs labels, naming data.unlabelled', async () => {
    const container = unlabelledContainer(new ClipRecorder(), new ClipRecorder());
    const onlyLabelled = config({ losses: [{ type: 'recording-labelled', weight: 1 }] });
    await expect(buildTrainingRun({ config: onlyLabelled, container })).rejects.toThrow(ConfigError);
    await expect(buildTrainingRun({ config: onlyLabelled, container })).rejects.toThrow(/data\.unlabelled.*every loss term needs labels/s);
  });

  it('rejects a ratio that does not give a whole number of clips, naming data.unlabelled.ratio', async () => {
    const container = unlabelledContainer(new ClipRecorder(), new ClipRecorder());
    const bad = config({ data: { train: { type: 'squares' }, unlabelled: { datasets: [{ type: 'grey-video' }], ratio: 0.75, flow: { type: 'zero' } } } });
    await expect(buildTrainingRun({ config: bad, container })).rejects.toThrow(/data\.unlabelled\.ratio.*whole number/s);
  });
});
