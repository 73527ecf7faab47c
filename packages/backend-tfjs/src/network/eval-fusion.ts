import type { Graph, GraphNode } from '@vidseg/models';

/** Activations a fused tfjs convolution can apply. */
export type FusableActivation = 'relu' | 'relu6' | 'prelu';

/**
 * A convolution with the batch norm and activation that directly follow it, run in eval mode as
 * one fused tfjs kernel: the batch norm folded into the filter and bias, the activation applied
 * by the kernel. `output` is the name of the last node of the chain, whose value the fused kernel
 * produces; the other nodes' values are never needed by anything else.
 */
export interface ConvChain {
  readonly conv: GraphNode;
  readonly batchNorm?: GraphNode;
  readonly activation?: GraphNode;
  readonly output: string;
}

const ACTIVATIONS: ReadonlySet<string> = new Set<FusableActivation>(['relu', 'relu6', 'prelu']);

/**
 * The eval-mode fusions of `graph`, keyed by the name of the chain's convolution: every plain or
 * depthwise conv2d with a bias or followed, through single-consumer links that are not graph
 * outputs, by a batch norm and/or a ReLU, ReLU6 or PReLU. Grouped (non-depthwise) convolutions
 * have no fused kernel.
 */
export function findConvChains(graph: Graph): Map<string, ConvChain> {
  const consumers = new Map<string, GraphNode[]>();
  for (const node of graph.nodes) for (const input of node.inputs) consumers.set(input, [...(consumers.get(input) ?? []), node]);
  const outputs = new Set(Object.values(graph.outputs));
  const paramShapes = new Map(graph.params.map((p) => [p.name, p.shape]));
  const soleConsumer = (node: GraphNode): GraphNode | undefined => {
    const list = consumers.get(node.name) ?? [];
    return list.length === 1 && !outputs.has(node.name) && list[0]!.inputs.length === 1 ? list[0] : undefined;
  };
  const chains = new Map<string, ConvChain>();
  for (const conv of graph.nodes) {
    if (conv.spec.op !== 'conv2d') continue;
    const inPerGroup = paramShapes.get(conv.params.weight!)![1]!;
    if (conv.spec.groups !== 1 && inPerGroup !== 1) continue;
    let last = conv;
    const next = soleConsumer(conv);
    const batchNorm = next?.spec.op === 'batchNorm' ? next : undefined;
    if (batchNorm) last = batchNorm;
    const after = soleConsumer(last);
    const activation = after && ACTIVATIONS.has(after.spec.op) ? after : undefined;
    if (activation) last = activation;
    if (last === conv && !conv.spec.bias) continue;
    chains.set(conv.name, { conv, ...(batchNorm ? { batchNorm } : {}), ...(activation ? { activation } : {}), output: last.name });
  }
  return chains;
}

/** The chains of {@link findConvChains} and the nodes they absorb (skipped when a chain runs). */
export interface EvalFusionPlan {
  readonly chains: ReadonlyMap<string, ConvChain>;
  readonly absorbed: ReadonlySet<string>;
}

/** The eval-mode fusion plan of `graph`. */
export function planEvalFusion(graph: Graph): EvalFusionPlan {
  const chains = findConvChains(graph);
  const absorbed = new Set<string>();
  for (const chain of chains.values()) {
    if (chain.batchNorm) absorbed.add(chain.batchNorm.name);
    if (chain.activation) absorbed.add(chain.activation.name);
  }
  return { chains, absorbed };
}
