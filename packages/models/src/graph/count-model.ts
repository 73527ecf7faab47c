import { elementCount } from '@vidseg/core';
import type { Graph } from './graph-types.js';
import { inferShapes } from './infer-shapes.js';

/** Parameter counts of a graph. */
export interface ParameterCount {
  /** Learnable parameters (what papers report). */
  readonly trainable: number;
  /** Stored but not learned (BatchNorm running statistics). */
  readonly buffers: number;
}

/** Learnable and non-learnable parameter counts: sums of the declared parameter shapes. */
export function countParameters(graph: Graph): ParameterCount {
  let trainable = 0;
  let buffers = 0;
  for (const param of graph.params) {
    if (param.trainable) trainable += elementCount(param.shape);
    else buffers += elementCount(param.shape);
  }
  return { trainable, buffers };
}

/**
 * FLOPs of one forward pass of a single image of `height` x `width` (through the graph's first
 * input), counted as 2 x multiply-adds of the convolutions and transposed convolutions. Element-wise
 * ops, normalisation, pooling and resizing are not counted (they are a small share and are usually
 * left out of published figures).
 */
export function countFlops(graph: Graph, height: number, width: number): number {
  const first = graph.inputs[0];
  if (!first) return 0;
  const sizes: Record<string, [number, number]> = {};
  for (const input of graph.inputs) sizes[input.name] = [height, width];
  const shapes = inferShapes(graph, sizes);
  let multiplyAdds = 0;
  for (const node of graph.nodes) {
    const spec = node.spec;
    if (spec.op === 'conv2d') {
      const [inChannels] = shapes.get(node.inputs[0]!)!;
      const [out, h, w] = shapes.get(node.name)!;
      multiplyAdds += out * h * w * (inChannels / spec.groups) * spec.kernel[0] * spec.kernel[1];
    } else if (spec.op === 'convTranspose2d') {
      const [inChannels, h, w] = shapes.get(node.inputs[0]!)!;
      multiplyAdds += inChannels * h * w * spec.outChannels * spec.kernel[0] * spec.kernel[1];
    }
  }
  return 2 * multiplyAdds;
}
