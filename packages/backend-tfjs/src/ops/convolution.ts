import type * as tf from '@tensorflow/tfjs-core';
import type { GraphNode } from '@vidseg/models';
import { conv2dTrainable, convTranspose2d as convTranspose2dTrainable } from '@vidseg/tfjs-ops';
import type { OpContext } from './op-context.js';

type Conv2dSpec = Extract<GraphNode['spec'], { op: 'conv2d' }>;
type ConvTransposeSpec = Extract<GraphNode['spec'], { op: 'convTranspose2d' }>;

/**
 * PyTorch Conv2d on NHWC input: ordinary (HWIO filter), depthwise (filter [kh, kw, C, m]) or
 * grouped (the HWIO filter holds each group's output channels side by side). Trains on every
 * backend, dilated ones included, through `@vidseg/tfjs-ops`.
 */
export function conv2d(node: GraphNode, [x]: readonly tf.Tensor4D[], context: OpContext): tf.Tensor4D {
  const spec = node.spec as Conv2dSpec;
  return conv2dTrainable(x!, context.param(node, 'weight') as tf.Tensor4D, {
    stride: spec.stride,
    padding: spec.padding,
    dilation: spec.dilation,
    groups: spec.groups,
    ...(spec.bias ? { bias: context.param(node, 'bias') as tf.Tensor1D } : {}),
  });
}

/** PyTorch ConvTranspose2d on NHWC input, with the filter as [kh, kw, out, in]. */
export function convTranspose2d(node: GraphNode, [x]: readonly tf.Tensor4D[], context: OpContext): tf.Tensor4D {
  const spec = node.spec as ConvTransposeSpec;
  return convTranspose2dTrainable(x!, context.param(node, 'weight') as tf.Tensor4D, {
    stride: spec.stride,
    padding: spec.padding,
    outputPadding: spec.outputPadding,
    ...(spec.bias ? { bias: context.param(node, 'bias') as tf.Tensor1D } : {}),
  });
}
