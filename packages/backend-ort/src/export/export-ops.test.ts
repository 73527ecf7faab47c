import { describe, expect, it } from 'vitest';
import { GraphBuilder, type Graph, type Value } from '@vidseg/models';
import { runReferenceGraph, type Nchw } from '@vidseg/models/testing';
import { floatFeed, maxAbs, maxAbsDiff, randomNchw, randomWeights, runOnnx, testModel } from '../../test/test-models.js';
import { exportOnnx } from './export-onnx.js';

/** One op (or a few) to check against the reference interpreter. */
interface OpCase {
  readonly name: string;
  readonly channels?: number;
  /** Input [height, width]; odd sizes on purpose. */
  readonly size?: readonly [number, number];
  /** Input values in [-scale, scale]. */
  readonly scale?: number;
  build(b: GraphBuilder, x: Value): Value;
}

const conv = (b: GraphBuilder, x: Value, name: string, out = 4) => b.conv(x, { name, out, kernel: 3 });

const CASES: OpCase[] = [
  { name: 'conv 3x3 stride 2 with bias', build: (b, x) => b.conv(x, { name: 'c', out: 5, kernel: 3, stride: 2, padding: 1 }) },
  { name: 'grouped dilated conv without bias', channels: 4, build: (b, x) => b.conv(x, { name: 'c', out: 6, kernel: 3, dilation: 2, groups: 2, bias: false }) },
  { name: 'depthwise conv with a 3x1 kernel', channels: 4, build: (b, x) => b.depthwiseConv(x, { name: 'c', kernel: [3, 1], stride: [1, 2], padding: [1, 0] }) },
  { name: 'transposed conv 2x2 stride 2', build: (b, x) => b.convTranspose(x, { name: 't', out: 3, kernel: 2, stride: 2, bias: false }) },
  { name: 'transposed conv 3x3 stride 2 with output padding', build: (b, x) => b.convTranspose(x, { name: 't', out: 2, kernel: 3, stride: 2, padding: 1, outputPadding: 1 }) },
  { name: 'batch norm (eps 1e-3)', build: (b, x) => b.batchNorm(x, { name: 'bn', eps: 1e-3 }) },
  { name: 'relu', build: (b, x) => b.relu(x) },
  { name: 'relu6', scale: 10, build: (b, x) => b.relu6(x) },
  { name: 'prelu per channel', build: (b, x) => b.prelu(x, { name: 'p' }) },
  { name: 'prelu shared', build: (b, x) => b.prelu(x, { name: 'p', perChannel: false }) },
  { name: 'sigmoid', scale: 5, build: (b, x) => b.sigmoid(x) },
  { name: 'tanh', scale: 3, build: (b, x) => b.tanh(x) },
  { name: 'add of two', build: (b, x) => b.add([conv(b, x, 'a', 3), x]) },
  { name: 'add of three', build: (b, x) => b.add([conv(b, x, 'a', 3), conv(b, x, 'b', 3), x]) },
  { name: 'mul of three', build: (b, x) => b.mul([conv(b, x, 'a', 3), conv(b, x, 'b', 3), x]) },
  { name: 'concat', build: (b, x) => b.concat([conv(b, x, 'a', 2), x, conv(b, x, 'b', 1)]) },
  { name: 'average pool counting padding', build: (b, x) => b.avgPool(x, { kernel: 3, stride: 2, padding: 1 }) },
  { name: 'average pool not counting padding', build: (b, x) => b.avgPool(x, { kernel: 3, stride: 2, padding: 1, countIncludePad: false }) },
  { name: 'max pool', build: (b, x) => b.maxPool(x, { kernel: 3, stride: 2, padding: 1 }) },
  { name: 'global average pool', build: (b, x) => b.globalAvgPool(x) },
  { name: 'adaptive pool, overlapping bins', size: [13, 10], build: (b, x) => b.adaptiveAvgPool(x, [3, 4]) },
  { name: 'adaptive pool to 1x1', build: (b, x) => b.adaptiveAvgPool(x, 1) },
  { name: 'adaptive pool, one axis untouched', size: [6, 10], build: (b, x) => b.adaptiveAvgPool(x, [6, 3]) },
  { name: 'resize to a fixed size, half-pixel', build: (b, x) => b.resize(x, { size: [7, 17] }, 'half-pixel') },
  { name: 'resize by a scale, align-corners', build: (b, x) => b.resize(x, { scale: 2 }, 'align-corners') },
  {
    name: 'resize like another value, asymmetric',
    build: (b, x) => b.resize(b.conv(x, { name: 'down', out: 3, kernel: 3, stride: 4, padding: 1 }), { like: x }, 'asymmetric'),
  },
  { name: 'dropout and identity are removed', build: (b, x) => b.identity(b.dropout(conv(b, x, 'c'), 0.1)) },
];

function caseGraph(c: OpCase): Graph {
  const b = new GraphBuilder();
  const x = b.input('input', c.channels ?? 3);
  b.output('logits', c.build(b, x));
  return b.build();
}

describe('exportOnnx lowers each op as the reference interpreter computes it (onnxruntime-web)', () => {
  for (const mode of ['fixed', 'dynamic'] as const) {
    describe(`${mode} input size`, () => {
      for (const c of CASES) {
        it(c.name, async () => {
          const graph = caseGraph(c);
          const [h, w] = c.size ?? [11, 14];
          const weights = randomWeights(graph);
          const input = randomNchw([2, c.channels ?? 3, h, w], 5, c.scale ?? 1);
          const bytes = exportOnnx(testModel(graph), weights, { inputSize: mode === 'fixed' ? [h, w] : 'dynamic', batch: 'dynamic' });
          const outputs = await runOnnx(bytes, { input: floatFeed(input) });
          const expected: Nchw = runReferenceGraph(graph, weights, { input }).get(graph.outputs.logits!)!;
          expect(outputs.logits!.dims).toEqual(expected.shape);
          expect(maxAbsDiff(outputs.logits!.data as Float32Array, expected.data)).toBeLessThanOrEqual(1e-5 * Math.max(1, maxAbs(expected.data)));
        });
      }
    });
  }
});
