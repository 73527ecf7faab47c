import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { channelMoments, runReferenceGraph } from '@vidseg/models/testing';
import { everyOpGraph, handleOf, maxDifference, randomInput, randomWeights } from '../../test/test-models.js';
import { TfjsNetwork } from './tfjs-network.js';

describe.each(['cpu', 'wasm'])('TfjsNetwork on %s', (backend) => {
  const graph = everyOpGraph();
  const weights = randomWeights(graph, 3);
  let network: TfjsNetwork;

  it('matches a naive NCHW float64 reference for every op in eval mode', async () => {
    await tf.setBackend(backend);
    network = new TfjsNetwork(handleOf(graph), weights, { seed: 1 });
    const { nchw, nhwc } = randomInput([2, 3, 13, 18], 5);
    const outputs = network.run({ image: nhwc }, 'eval');
    const reference = runReferenceGraph(graph, weights, { image: nchw });
    for (const role of Object.keys(graph.outputs)) {
      expect(await maxDifference(outputs[role]!, reference.get(role)!), role).toBeLessThan(2e-4);
    }
    tf.dispose([nhwc, ...Object.values(outputs)]);
  });

  it('normalises with batch statistics in train mode and updates running averages as PyTorch does', async () => {
    const before = await network.snapshot();
    const { nchw, nhwc } = randomInput([2, 3, 13, 18], 6);
    const eval1 = network.run({ image: nhwc }, 'eval');
    const features = network.run({ image: nhwc }, 'train').features!;
    const after = await network.snapshot();
    // The stem is conv then BN: its batch moments come from the reference conv output.
    const stem = runReferenceGraph(graph, weights, { image: nchw }).get('stem')!;
    const { mean, variance } = channelMoments(stem);
    const count = 2 * stem.shape[2] * stem.shape[3];
    const runningMean = after.get('stem_bn.running_mean')!.data;
    const runningVar = after.get('stem_bn.running_var')!.data;
    const oldMean = before.get('stem_bn.running_mean')!.data;
    const oldVar = before.get('stem_bn.running_var')!.data;
    for (let c = 0; c < 8; c++) {
      expect(runningMean[c]).toBeCloseTo(0.9 * Number(oldMean[c]) + 0.1 * mean[c]!, 5);
      expect(runningVar[c]).toBeCloseTo(0.9 * Number(oldVar[c]) + 0.1 * variance[c]! * (count / (count - 1)), 5);
    }
    // Train-mode features equal the reference with batch statistics everywhere (no dropout before them).
    const reference = runReferenceGraph(graph, weights, { image: nchw }, { batchStatistics: true });
    expect(await maxDifference(features, reference.get('features')!)).toBeLessThan(2e-4);
    // Parameters (not running statistics) are unchanged by a forward pass.
    expect(after.get('stem.weight')!.data).toEqual(before.get('stem.weight')!.data);
    tf.dispose([nhwc, features, ...Object.values(eval1)]);
  });

  it('with frozen normalisation, normalises with the running averages in train mode and keeps them', async () => {
    const frozen = new TfjsNetwork(handleOf(graph), weights, { seed: 1, frozenNormalization: true });
    const before = await frozen.snapshot();
    const { nchw, nhwc } = randomInput([2, 3, 13, 18], 7);
    const { features } = frozen.run({ image: nhwc }, 'train');
    // The features come before the dropout: equal to the eval-mode reference (running averages).
    const reference = runReferenceGraph(graph, weights, { image: nchw });
    expect(await maxDifference(features!, reference.get('features')!)).toBeLessThan(2e-4);
    const after = await frozen.snapshot();
    for (const name of ['stem_bn.running_mean', 'stem_bn.running_var']) expect(after.get(name)!.data, name).toEqual(before.get(name)!.data);
    tf.dispose([nhwc, features!]);
    frozen.dispose();
  });

  it('round-trips PyTorch-layout weights through snapshot and load', async () => {
    const fresh = randomWeights(graph, 11);
    network.load(fresh);
    const back = await network.snapshot();
    for (const [name, tensor] of fresh) {
      expect(back.get(name)!.shape, name).toEqual(tensor.shape);
      expect(back.get(name)!.data, name).toEqual(tensor.data);
    }
    expect(() => network.load(new Map([['nope', fresh.get('stem.weight')!]]))).toThrow(/no parameter\(s\) nope/);
    expect(() => network.load(new Map([['stem.weight', fresh.get('stem.bias')!]]))).toThrow(/"stem.weight" is F32 \[8\], expected F32 \[8, 3, 3, 3\]/);
  });

  it('keeps only its variables alive', () => {
    const live = tf.memory().numTensors;
    const { nhwc } = randomInput([1, 3, 8, 8], 1);
    const outputs = network.run({ image: nhwc }, 'train');
    tf.dispose([nhwc, ...Object.values(outputs)]);
    expect(tf.memory().numTensors).toBe(live);
  });

  afterAll(() => network?.dispose());
});
