import { describe, expect, it } from 'vitest';
import { DataError } from '../errors/vidseg-error.js';
import type { ClipDataset, SequenceFrame } from '../contracts/clip-dataset.js';
import type { FlowEstimator } from '../contracts/flow-estimator.js';
import type { LabelMap } from '../types/image-frame.js';
import { createContainer, createRunContainer } from '../di/container.js';
import { TOKENS } from '../di/tokens.js';
import { pluginRegistry } from '../registry/plugin-registry.js';
import { vidsegConfigSchema } from '../config/config-schema.js';
import type { Metric } from '../contracts/metric.js';
import { z } from 'zod';
import { createEvaluationPlugins, evaluateSequences } from './evaluate-sequences.js';
import { registerMetrics } from './register-metrics.js';
import { VideoConsistency } from './video-consistency.js';
import { MeanIoU } from './mean-iou.js';
import { TemporalConsistency } from './temporal-consistency.js';

const space = { classes: ['a', 'b'], ignoreLabel: 255 };
const map = (data: number[]): LabelMap => ({ width: data.length, height: 1, data: Uint8Array.from(data) });

/** Two sequences given out of order by position; sequences() restores time order. */
const frames: SequenceFrame[] = [
  { id: 's1', sequence: 's', index: 1, image: { width: 2, height: 1, channels: 3, data: new Uint8Array(6) }, label: map([0, 1]) },
  { id: 's0', sequence: 's', index: 0, image: { width: 2, height: 1, channels: 3, data: new Uint8Array(6) }, label: map([0, 1]) },
  { id: 'u0', sequence: 'u', index: 0, image: { width: 2, height: 1, channels: 3, data: new Uint8Array(6) }, label: map([1, 1]) },
];
const dataset: ClipDataset = {
  name: 'toy',
  split: 'val',
  classes: space.classes,
  ignoreLabel: 255,
  size: frames.length,
  frame: async (p) => frames[p]!,
  neighbour: async () => undefined,
  sequences: () => [
    { name: 's', positions: [1, 0], frameStep: 1 },
    { name: 'u', positions: [2], frameStep: 1 },
  ],
};

describe('evaluateSequences', () => {
  it('walks sequences in time order, pairs only frames of one sequence, and copies reused prediction buffers', async () => {
    const buffer = map([0, 0]);
    const predictions: Record<string, number[]> = { s0: [0, 1], s1: [1, 0], u0: [1, 1] };
    const estimated: string[] = [];
    const flow: FlowEstimator = {
      name: 'zero',
      cacheKey: 'zero',
      estimate: async (a, _b, pair) => {
        estimated.push(`${pair!.from}->${pair!.to}`);
        return { width: a.width, height: a.height, data: new Float32Array(a.width * a.height * 2) };
      },
    };
    const result = await evaluateSequences({
      dataset,
      metrics: [new MeanIoU(space), new TemporalConsistency(space)],
      flow,
      predict: async (frame) => {
        buffer.data.set(predictions[frame.id]!);
        return buffer;
      },
    });
    expect(estimated).toEqual(['s0->s1']);
    expect(result.frames).toBe(3);
    // TC: one pair (s0 -> s1), predictions [0,1] vs [1,0]: every pixel disagrees.
    expect(result.values.tc).toBe(0);
    expect(result.values.pairs).toBe(1);
    // mIoU: s0 right (2 px), s1 wrong (2 px), u0 right (2 px): IoU a = 1/3, IoU b = 3/5.
    expect(result.values.miou).toBeCloseTo((1 / 3 + 3 / 5) / 2, 12);
  });

  it('turns a metric that rejects a frame (ground-truth label 12 with classes 0..10) into a DataError naming the frame', async () => {
    const camvid = { classes: Array.from({ length: 11 }, (_, i) => `class${i}`), ignoreLabel: 11 };
    const image = { width: 3, height: 1, channels: 3 as const, data: new Uint8Array(9) };
    const good: SequenceFrame = { id: '0001TP_008550', sequence: '0001TP', index: 8550, image, label: map([0, 11, 10]) };
    const bad: SequenceFrame = { id: '0001TP_008580', sequence: '0001TP', index: 8580, image, label: map([0, 12, 3]) };
    const camvidSet: ClipDataset = { ...dataset, name: 'camvid', split: 'test', classes: camvid.classes, ignoreLabel: 11, size: 2, frame: async (p) => [good, bad][p]!, sequences: undefined };
    const error: unknown = await evaluateSequences({ dataset: camvidSet, metrics: [new MeanIoU(camvid)], predict: async () => map([0, 0, 0]) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    const { message, hint, cause } = error as DataError;
    expect(message).toBe(
      'evaluating camvid/test: metric "miou" rejected frame "0001TP_008580" (sequence "0001TP", video frame 8580): ' +
        'reference label 12 is outside the classes 0..10 and is not the ignore label 11\n' +
        `  hint: ${hint}`,
    );
    expect(hint).toMatch(/class ids 0\.\.10, or 11 for pixels to ignore/);
    expect(cause).toBeInstanceOf(DataError);
  });

  it('names both frames when the flow between consecutive frames fails (frames of different sizes)', async () => {
    const wide: SequenceFrame = { ...frames[1]!, image: { width: 3, height: 1, channels: 3, data: new Uint8Array(9) }, label: map([0, 1, 1]) };
    const mixed: ClipDataset = { ...dataset, frame: async (p) => (p === 0 ? frames[0]! : p === 1 ? wide : frames[2]!) };
    const flow: FlowEstimator = {
      name: 'strict',
      cacheKey: 'strict',
      estimate: async (a, b) => {
        if (a.width !== b.width) throw new DataError(`flow: sizes differ (${a.width}x1 vs ${b.width}x1, width x height)`);
        return { width: a.width, height: a.height, data: new Float32Array(a.width * a.height * 2) };
      },
    };
    const failure = evaluateSequences({ dataset: mixed, metrics: [new TemporalConsistency(space)], flow, predict: async (frame) => frame.label! });
    await expect(failure).rejects.toThrow(/^evaluating toy\/val: no flow from frame "s0" \(3x1\) to the next frame "s1" \(2x1\) of sequence "s": flow: sizes differ/);
  });

  it('keeps the window counts of VC_2 and VC_8 apart in one record', async () => {
    const result = await evaluateSequences({
      dataset,
      metrics: [new VideoConsistency(space, { n: 2 }), new VideoConsistency(space, { n: 8 })],
      predict: async (frame) => frame.label!,
    });
    // Sequence s has one window of two frames, none of eight.
    expect(result.values).toEqual({ vc2: 1, vc2Windows: 1, vc8: Number.NaN, vc8Windows: 0 });
  });
});

describe('createEvaluationPlugins', () => {
  const build = (metrics: { type: string }[]) => {
    const container = createContainer();
    registerMetrics(container);
    const flowsBuilt: string[] = [];
    const registry = pluginRegistry(container);
    registry.add({
      kind: 'flow', name: 'zero', packageName: 'test', description: 'zero flow', options: z.object({}),
      factory: () => {
        flowsBuilt.push('zero');
        return { name: 'zero', cacheKey: 'zero', estimate: async () => ({ width: 1, height: 1, data: new Float32Array(2) }) };
      },
    });
    registry.add({
      kind: 'metric', name: 'my-flow-metric', packageName: 'test', description: 'reads flows', options: z.object({}),
      factory: (): Metric => ({ name: 'mine', needsFlow: true, update: () => undefined, result: () => ({ values: {} }), reset: () => undefined }),
    });
    const run = createRunContainer(container, { seed: 0, baseDir: '.' });
    run.register(TOKENS.labelSpace, { useValue: space });
    const config = vidsegConfigSchema.parse({ model: { type: 'tiny' }, flow: { type: 'zero' }, eval: { metrics } });
    return { ...createEvaluationPlugins(run, config), flowsBuilt };
  };

  it('builds the flow estimator for any metric that declares needsFlow, not only "tc"', () => {
    expect(build([{ type: 'miou' }, { type: 'my-flow-metric' }]).flow?.name).toBe('zero');
    expect(build([{ type: 'tc' }]).flow?.name).toBe('zero');
  });

  it('builds no flow estimator when no metric needs one', () => {
    const { flow, flowsBuilt } = build([{ type: 'miou' }, { type: 'vc', n: 2 } as { type: string }]);
    expect(flow).toBeUndefined();
    expect(flowsBuilt).toEqual([]);
  });
});

