import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { SeededRandom, type ClipDataset, type ClipFrame, type EvaluatedFrame, type FlowEstimator, type Metric, type SequenceFrame } from '@vidseg/core';
import { GraphBuilder } from '@vidseg/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { squaresFrame } from '../../test/synthetic-clips.js';
import { handleOf } from '../../test/test-models.js';
import { TfjsNetwork } from '../network/tfjs-network.js';
import { evaluate } from './evaluate.js';
import { predictLabels } from './predict-labels.js';

/** A network whose logits are the raw RGB values at half resolution: its prediction is the brightest channel. */
function brightestChannelNet(): TfjsNetwork {
  const b = new GraphBuilder();
  const image = b.input('image', 3);
  const pooled = b.avgPool(image, { kernel: 2, stride: 2 });
  b.output('logits', b.resize(b.conv(pooled, { name: 'identity', out: 3, kernel: 1, bias: false }), { scale: 2 }, 'half-pixel'));
  const model = { ...handleOf(b.build(), 'brightest', 3), preprocessing: { channelOrder: 'RGB' as const, mean: [0, 0, 0] as [number, number, number], std: [1, 1, 1] as [number, number, number], scale: 1 } };
  const identity = new Float32Array(9);
  [0, 4, 8].forEach((i) => (identity[i] = 1));
  return new TfjsNetwork(model, new Map([['identity.weight', { dtype: 'F32', shape: [3, 3, 1, 1], data: identity }]]), { seed: 0 });
}

describe('evaluation', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('predicts the arg-max class at the label size', async () => {
    const network = brightestChannelNet();
    // 2x2 blocks of one colour each, so pooling and resizing keep them exactly.
    const colours = [[200, 0, 0], [0, 200, 0], [0, 0, 200], [0, 200, 0]];
    const data = new Uint8Array(4 * 4 * 3);
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) data.set(colours[Math.floor(y / 2) * 2 + Math.floor(x / 2)]!, (y * 4 + x) * 3);
    const labels = await predictLabels(network, { width: 4, height: 4, channels: 3, data });
    expect(Array.from(labels.data)).toEqual([0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1]);
    const live = tf.memory().numTensors;
    await predictLabels(network, { width: 4, height: 4, channels: 3, data }, { inputSize: [8, 8], outputSize: [2, 2] });
    expect(tf.memory().numTensors).toBe(live);
    network.dispose();
  });

  it('feeds metrics every frame in time order per sequence, with the flow to the next frame of the same sequence only', async () => {
    const random = new SeededRandom(1);
    const frames: SequenceFrame[] = ['s1', 's1', 's2', 's1', 's2'].map((sequence, i) => ({ ...squaresFrame(random, 4, 6, `f${i}`), sequence, index: i }));
    const dataset: ClipDataset & { sequences(): { name: string; positions: number[]; frameStep: number }[] } = {
      name: 'fake',
      split: 'val',
      classes: ['a', 'b', 'c'],
      ignoreLabel: 255,
      size: frames.length,
      frame: async (p) => frames[p]!,
      neighbour: async (): Promise<ClipFrame | undefined> => undefined,
      sequences: () => [
        { name: 's2', positions: [2, 4], frameStep: 1 },
        { name: 's1', positions: [0, 1, 3], frameStep: 1 },
      ],
    };
    const seen: string[] = [];
    const recorder: Metric = {
      name: 'recorder',
      update: (f: EvaluatedFrame) => seen.push(`${f.sequence}:${f.position}:${f.groundTruth ? 'gt' : '-'}:${f.flowToNext ? f.flowToNext.data[0] : 'none'}`),
      result: () => ({ values: { frames: seen.length } }),
      reset: () => seen.splice(0),
    };
    const pairs: string[] = [];
    const flow: FlowEstimator = {
      name: 'fake',
      cacheKey: 'fake',
      estimate: async (a, _b, ids) => {
        pairs.push(`${ids!.from}->${ids!.to}`);
        return { width: a.width, height: a.height, data: new Float32Array(a.width * a.height * 2).fill(pairs.length) };
      },
    };
    const network = brightestChannelNet();
    const result = await evaluate({ network, dataset, metrics: [recorder], flow });
    expect(seen).toEqual(['s2:0:gt:1', 's2:1:gt:none', 's1:0:gt:2', 's1:1:gt:3', 's1:2:gt:none']);
    expect(pairs).toEqual(['f2->f4', 'f0->f1', 'f1->f3']);
    expect(result).toMatchObject({ frames: 5, values: { frames: 5 } });
    network.dispose();
  });
});
