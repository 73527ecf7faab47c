import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensors } from '@vidseg/core';
import type { Graph, GraphNode } from '@vidseg/models';
import { TfjsNetwork } from '../src/network/tfjs-network.js';
import type { OpContext } from '../src/ops/op-context.js';
import { OP_TABLE } from '../src/ops/op-table.js';

/**
 * The baseline "plain tfjs-wasm inference" of a graph: what a hand-written tfjs inference of the
 * same network would run. Every batch norm that directly follows a convolution (its only consumer)
 * is folded into the convolution's weights and bias, and each convolution is one fused tfjs
 * kernel with its bias (tf.fused.conv2d / depthwiseConv2d); other ops are the interpreter's eval ops.
 */
export class PlainInference {
  private readonly network: TfjsNetwork;
  private readonly folded = new Map<string, { filter: tf.Tensor4D; bias: tf.Tensor1D }>();
  private readonly skipped = new Set<string>();

  constructor(network: TfjsNetwork, weights: NamedTensors) {
    this.network = network;
    const graph = network.model.graph;
    const consumers = new Map<string, number>();
    for (const node of graph.nodes) for (const input of node.inputs) consumers.set(input, (consumers.get(input) ?? 0) + 1);
    const outputs = new Set(Object.values(graph.outputs));
    const byName = new Map(graph.nodes.map((n) => [n.name, n]));
    for (const node of graph.nodes) {
      if (node.spec.op !== 'batchNorm') continue;
      const conv = byName.get(node.inputs[0]!);
      if (!conv || conv.spec.op !== 'conv2d' || consumers.get(conv.name) !== 1 || outputs.has(conv.name)) continue;
      // Fused kernels exist for plain and depthwise convolutions, not for other grouped ones.
      const inChannels = weights.get(conv.params.weight!)!.shape[1]! * conv.spec.groups;
      if (conv.spec.groups !== 1 && conv.spec.groups !== inChannels) continue;
      this.folded.set(conv.name, foldedConv(network, conv, node, weights));
      this.skipped.add(node.name);
    }
  }

  /** Runs the network on an NHWC batch; returns the logits. */
  run(input: tf.Tensor4D): tf.Tensor4D {
    const graph: Graph = this.network.model.graph;
    return tf.tidy(() => {
      const values = new Map<string, tf.Tensor4D>([[graph.inputs[0]!.name, input]]);
      const context: OpContext = {
        mode: 'eval',
      frozenNormalization: false,
        param: (node, role) => this.network.allVariables.get(node.params[role]!)!,
        recordBatchStatistics: () => undefined,
        nextDropoutSeed: () => 0,
      };
      for (const node of graph.nodes) {
        const args = node.inputs.map((name) => values.get(name)!);
        const folded = this.folded.get(node.name);
        let value: tf.Tensor4D;
        if (this.skipped.has(node.name)) value = args[0]!;
        else if (folded && node.spec.op === 'conv2d') {
          const spec = node.spec;
          // tfjs's fused kernels take explicit padding at run time; only the type declaration omits it (as in src/ops/fused-conv.ts).
          const pad = [[0, 0], [spec.padding[0], spec.padding[0]], [spec.padding[1], spec.padding[1]], [0, 0]] as unknown as number;
          const common = { x: args[0]!, filter: folded.filter, strides: [spec.stride[0], spec.stride[1]] as [number, number], pad, dilations: [spec.dilation[0], spec.dilation[1]] as [number, number], bias: folded.bias };
          value = spec.groups === 1 ? tf.fused.conv2d(common) : tf.fused.depthwiseConv2d(common);
        } else value = OP_TABLE[node.spec.op](node, args, context);
        values.set(node.name, value);
      }
      return values.get(graph.outputs.logits!)!;
    });
  }

  dispose(): void {
    for (const { filter, bias } of this.folded.values()) tf.dispose([filter, bias]);
  }
}

/** conv (engine layout) with bn folded in: W' = W * s, b' = (b - mean) * s + beta, s = gamma / sqrt(var + eps). */
function foldedConv(network: TfjsNetwork, conv: GraphNode, bn: GraphNode, weights: NamedTensors): { filter: tf.Tensor4D; bias: tf.Tensor1D } {
  if (conv.spec.op !== 'conv2d' || bn.spec.op !== 'batchNorm') throw new Error('not a conv + batch norm pair');
  const get = (name: string | undefined) => weights.get(name!)!.data as Float32Array;
  const gamma = get(bn.params.weight);
  const beta = get(bn.params.bias);
  const mean = get(bn.params.runningMean);
  const variance = get(bn.params.runningVar);
  const eps = bn.spec.eps;
  const scale = gamma.map((g, c) => g / Math.sqrt(variance[c]! + eps));
  const convBias = conv.params.bias ? get(conv.params.bias) : new Float32Array(scale.length);
  const bias = scale.map((s, c) => (convBias[c]! - mean[c]!) * s + beta[c]!);
  const filter = network.allVariables.get(conv.params.weight!)! as unknown as tf.Tensor4D;
  // The output channel is the last axis for HWIO filters, and channel * multiplier + j for depthwise [kh, kw, C, m]:
  // in both layouts the flattened last two axes run over output channels in order.
  const [kh, kw, a, b] = filter.shape;
  const perColumn = conv.spec.groups > 1 ? scale : tile(scale, a * b);
  return tf.tidy(() => ({
    filter: tf.reshape(tf.mul(tf.reshape(filter, [kh * kw, a * b]), tf.tensor2d(perColumn, [1, a * b])), [kh, kw, a, b]) as tf.Tensor4D,
    bias: tf.tensor1d(bias),
  }));
}

/** `scale` repeated to `length` (HWIO: the last axis is the output channel, repeated over inputs). */
function tile(scale: Float32Array, length: number): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = scale[i % scale.length]!;
  return out;
}
