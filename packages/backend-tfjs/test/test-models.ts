import { SeededRandom, type ModelHandle, type NamedTensors } from '@vidseg/core';
import { GraphBuilder, initializeParameters, type Graph } from '@vidseg/models';
import * as tf from '@tensorflow/tfjs-core';
import type { Nchw } from '@vidseg/models/testing';

/** Wraps a graph in a model handle with plain preprocessing. */
export function handleOf(graph: Graph, name = 'test-net', classes = 4): ModelHandle<Graph> {
  return {
    name,
    graph,
    classes: Array.from({ length: classes }, (_, i) => `class${i}`),
    preprocessing: { channelOrder: 'RGB', mean: [127.5, 127.5, 127.5], std: [64, 64, 64], scale: 1 },
    outputs: { logits: true, features: 'features' in graph.outputs, auxLogits: false },
    input: { multipleOf: 4 },
  };
}

/** A graph that uses every op of the IR once or more, with an output per interesting value. */
export function everyOpGraph(): Graph {
  const b = new GraphBuilder();
  const image = b.input('image', 3);
  let x = b.conv(image, { name: 'stem', out: 8, kernel: 3, stride: 2, padding: 1, bias: true });
  x = b.prelu(b.batchNorm(x, { name: 'stem_bn', eps: 1e-3, momentum: 0.1 }), { name: 'stem_act' });
  const dw = b.depthwiseConv(x, { name: 'dw', kernel: 3, dilation: 2, bias: false });
  const grouped = b.conv(x, { name: 'grouped', out: 8, kernel: 3, groups: 2, bias: true });
  const dilated = b.conv(x, { name: 'dilated', out: 8, kernel: [3, 1], dilation: [2, 1], padding: [2, 0], bias: false });
  const merged = b.add([dw, grouped, dilated], 'sum3');
  const gated = b.mul([b.sigmoid(merged), b.tanh(x)], 'gate');
  const act = b.relu6(b.relu(gated));
  const multiplier = b.relu6(b.batchNorm(b.conv(act, { name: 'dw_mult', out: 16, kernel: 3, groups: 8, stride: 2, bias: false }), { name: 'dw_mult_bn' }));
  const avgIn = b.avgPool(act, { kernel: 3, stride: 2, padding: 1, countIncludePad: true, name: 'avg_in' });
  const avgEx = b.avgPool(act, { kernel: 3, stride: 2, padding: 1, countIncludePad: false, name: 'avg_ex' });
  const maxed = b.maxPool(act, { kernel: 3, stride: 2, padding: 1, name: 'max' });
  const cat = b.concat([avgIn, avgEx, maxed, multiplier], 'cat');
  const bins = b.adaptiveAvgPool(cat, [2, 3], 'bins');
  const gap = b.globalAvgPool(cat, 'gap');
  const up = b.convTranspose(cat, { name: 'up', out: 5, kernel: 2, stride: 2, bias: true });
  const up2 = b.convTranspose(cat, { name: 'up_pad', out: 5, kernel: 3, stride: 2, padding: 1, outputPadding: 1, bias: false });
  const half = b.resize(b.dropout(up, 0.5, 'drop'), { like: image }, 'half-pixel', 'resize_half');
  const corners = b.resize(b.identity(up2, 'id'), { size: [7, 13] }, 'align-corners', 'resize_corners');
  const asym = b.resize(bins, { scale: 2 }, 'asymmetric', 'resize_asym');
  b.output('logits', half);
  b.output('corners', corners);
  b.output('asym', asym);
  b.output('gap', gap);
  b.output('features', cat);
  return b.build();
}

/** Fresh parameters with every BatchNorm, bias and slope perturbed, so nothing is trivially 0 or 1. */
export function randomWeights(graph: Graph, seed: number): NamedTensors {
  const weights = initializeParameters(graph, seed);
  const random = new SeededRandom(seed + 1);
  for (const spec of graph.params) {
    if (spec.init.kind !== 'constant') continue;
    const data = weights.get(spec.name)!.data as Float32Array;
    for (let i = 0; i < data.length; i++) data[i] = spec.name.endsWith('running_var') ? random.uniform(0.5, 2) : random.uniform(-0.5, 0.5) + (spec.name.endsWith('.weight') ? 1 : 0);
  }
  return weights;
}

/** A random NCHW input and the same values as an NHWC tensor. */
export function randomInput(shape: [number, number, number, number], seed: number): { nchw: Nchw; nhwc: tf.Tensor4D } {
  const random = new SeededRandom(seed);
  const data = Float64Array.from({ length: shape[0] * shape[1] * shape[2] * shape[3] }, () => random.normal());
  const nchw: Nchw = { shape, data };
  return { nchw, nhwc: tf.tidy(() => tf.transpose(tf.tensor4d(Float32Array.from(data), shape), [0, 2, 3, 1])) };
}

/** Largest absolute difference between an NHWC tensor and an NCHW reference. */
export async function maxDifference(nhwc: tf.Tensor, reference: Nchw): Promise<number> {
  const [n, c, h, w] = reference.shape;
  expectShape(nhwc.shape, [n, h, w, c]);
  const values = (await nhwc.data()) as Float32Array;
  let max = 0;
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const diff = Math.abs(values[((b * h + y) * w + x) * c + ch]! - reference.data[((b * c + ch) * h + y) * w + x]!);
          max = Math.max(max, diff);
        }
  return max;
}

function expectShape(actual: readonly number[], expected: readonly number[]): void {
  if (actual.join(',') !== expected.join(',')) throw new Error(`shape [${actual.join(', ')}] differs from the reference [${expected.join(', ')}]`);
}
