/**
 * A slow, plain reference interpreter of the graph IR, written from the op definitions (PyTorch
 * semantics, float64 accumulation, PyTorch weight layouts) with no code shared with the engines:
 * the independent reference that the zoo's descriptions, the tfjs interpreter and the ONNX export
 * are checked against. Dropout is the identity; BatchNorm uses running statistics unless
 * `batchStatistics` is set (training mode).
 */
import type { NamedTensors } from '@vidseg/core';
import type { Graph, GraphNode, ParamRole } from '../graph/graph-types.js';
import { inferShapes } from '../graph/infer-shapes.js';
import { zerosNchw, type Nchw } from './nchw.js';
import { adaptiveAvgPool, channelMoments, conv2d, convTranspose2d, mapNchw, pool2d, resizeBilinearNchw } from './reference-ops.js';

/** How {@link runReferenceGraph} runs. */
export interface ReferenceOptions {
  /** BatchNorm with the batch's statistics instead of the running ones. */
  readonly batchStatistics?: boolean;
  /** Node values to return besides the outputs; other values are freed once no later node reads them. Default: all. */
  readonly keep?: readonly string[] | 'all';
}

/**
 * Runs `graph` on `inputs` (by graph input name) with `params`; returns the graph outputs by role
 * and the node values named in `options.keep` (every value by default).
 */
export function runReferenceGraph(graph: Graph, params: NamedTensors, inputs: Readonly<Record<string, Nchw>>, options: ReferenceOptions = {}): Map<string, Nchw> {
  const shapes = inferShapes(graph, Object.fromEntries(Object.entries(inputs).map(([name, t]) => [name, [t.shape[2], t.shape[3]] as const])));
  const keep = options.keep ?? 'all';
  const wanted = new Set(keep === 'all' ? [] : [...keep, ...Object.values(graph.outputs)]);
  const lastUse = new Map<string, number>();
  graph.nodes.forEach((node, i) => node.inputs.forEach((name) => lastUse.set(name, i)));
  const values = new Map<string, Nchw>(Object.entries(inputs));
  graph.nodes.forEach((node, i) => {
    const [, h, w] = shapes.get(node.name)!;
    values.set(node.name, evaluate(node, node.inputs.map((name) => values.get(name)!), (role) => parameter(node, role, params), [h, w], options.batchStatistics ?? false));
    if (keep !== 'all') for (const name of node.inputs) if (lastUse.get(name) === i && !wanted.has(name)) values.delete(name);
  });
  for (const [role, name] of Object.entries(graph.outputs)) values.set(role, values.get(name)!);
  return values;
}

function parameter(node: GraphNode, role: ParamRole, params: NamedTensors): Float32Array {
  const tensor = params.get(node.params[role]!);
  if (!tensor || tensor.dtype !== 'F32') throw new Error(`node ${node.name}: F32 parameter ${node.params[role]} missing`);
  return tensor.data;
}

function evaluate(node: GraphNode, args: Nchw[], param: (role: ParamRole) => Float32Array, outHw: readonly [number, number], batchStatistics: boolean): Nchw {
  const spec = node.spec;
  const x = args[0]!;
  switch (spec.op) {
    case 'conv2d':
      return conv2d(spec, x, param('weight'), spec.bias ? param('bias') : undefined, outHw);
    case 'convTranspose2d':
      return convTranspose2d(spec, x, param('weight'), spec.bias ? param('bias') : undefined, outHw);
    case 'batchNorm': {
      const [g, b] = [param('weight'), param('bias')];
      const { mean, variance } = batchStatistics ? channelMoments(x) : { mean: param('runningMean'), variance: param('runningVar') };
      return mapNchw(x, (v, c) => ((v - mean[c]!) / Math.sqrt(variance[c]! + spec.eps)) * g[c]! + b[c]!);
    }
    case 'relu':
      return mapNchw(x, (v) => Math.max(0, v));
    case 'relu6':
      return mapNchw(x, (v) => Math.min(6, Math.max(0, v)));
    case 'prelu': {
      const slope = param('weight');
      return mapNchw(x, (v, c) => (v >= 0 ? v : slope[spec.perChannel ? c : 0]! * v));
    }
    case 'sigmoid':
      return mapNchw(x, (v) => 1 / (1 + Math.exp(-v)));
    case 'tanh':
      return mapNchw(x, Math.tanh);
    case 'dropout':
    case 'identity':
      return x;
    case 'add':
    case 'mul': {
      const out = zerosNchw(x.shape);
      for (let i = 0; i < out.data.length; i++) out.data[i] = args.reduce((acc, a) => (spec.op === 'add' ? acc + a.data[i]! : acc * a.data[i]!), spec.op === 'add' ? 0 : 1);
      return out;
    }
    case 'concat':
      return concat(args);
    case 'avgPool2d':
    case 'maxPool2d':
      return pool2d(spec, x, outHw);
    case 'globalAvgPool':
    case 'adaptiveAvgPool2d':
      return adaptiveAvgPool(x, outHw);
    case 'resizeBilinear':
      return resizeBilinearNchw(x, outHw, spec.coordinateMode);
  }
}

function concat(args: Nchw[]): Nchw {
  const [n, , h, w] = args[0]!.shape;
  const channels = args.reduce((sum, t) => sum + t.shape[1], 0);
  const out = zerosNchw([n, channels, h, w]);
  for (let b = 0; b < n; b++) {
    let offset = (b * channels) * h * w;
    for (const t of args) {
      const block = t.shape[1] * h * w;
      out.data.set(t.data.subarray(b * block, (b + 1) * block), offset);
      offset += block;
    }
  }
  return out;
}
