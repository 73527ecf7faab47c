import * as tf from '@tensorflow/tfjs-core';
import { InternalError } from '@vidseg/core';
import type { GraphNode } from '@vidseg/models';
import { hw, type OpContext } from './op-context.js';

type Conv2dSpec = Extract<GraphNode['spec'], { op: 'conv2d' }>;
type ConvTransposeSpec = Extract<GraphNode['spec'], { op: 'convTranspose2d' }>;

/** PyTorch's symmetric `padding` as tfjs explicit NHWC padding. */
function explicitPadding(padding: readonly [number, number]): [[number, number], [number, number], [number, number], [number, number]] {
  return [
    [0, 0],
    [padding[0], padding[0]],
    [padding[1], padding[1]],
    [0, 0],
  ];
}

/**
 * PyTorch Conv2d on NHWC input: ordinary (HWIO filter), depthwise (filter [kh, kw, C, m]) or
 * grouped (the HWIO filter holds each group's output channels side by side).
 */
export function conv2d(node: GraphNode, [x]: readonly tf.Tensor4D[], context: OpContext): tf.Tensor4D {
  const spec = node.spec as Conv2dSpec;
  const filter = context.param(node, 'weight') as tf.Tensor4D;
  const pad = explicitPadding(spec.padding);
  const inChannels = x!.shape[3];
  let y: tf.Tensor4D;
  if (spec.groups === 1) {
    y = tf.conv2d(x!, filter, hw(spec.stride), pad, 'NHWC', hw(spec.dilation));
  } else if (spec.groups === inChannels) {
    y = tf.depthwiseConv2d(x!, filter, hw(spec.stride), pad, 'NHWC', hw(spec.dilation));
  } else {
    y = groupedConv2d(x!, filter, spec, pad);
  }
  return spec.bias ? tf.add(y, context.param(node, 'bias') as tf.Tensor1D) : y;
}

function groupedConv2d(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  spec: Conv2dSpec,
  pad: ReturnType<typeof explicitPadding>,
): tf.Tensor4D {
  const inputs = tf.split(x, spec.groups, 3) as tf.Tensor4D[];
  const filters = tf.split(filter, spec.groups, 3) as tf.Tensor4D[];
  const outputs = inputs.map((input, g) => tf.conv2d(input, filters[g]!, hw(spec.stride), pad, 'NHWC', hw(spec.dilation)));
  return tf.concat(outputs, 3);
}

/**
 * PyTorch ConvTranspose2d on NHWC input, with the filter as [kh, kw, out, in]: the gradient of a
 * convolution with the same stride and padding, whose output size
 * (H - 1) * stride - 2 * padding + kernel + outputPadding tfjs takes explicitly.
 */
export function convTranspose2d(node: GraphNode, [x]: readonly tf.Tensor4D[], context: OpContext): tf.Tensor4D {
  const spec = node.spec as ConvTransposeSpec;
  const filter = context.param(node, 'weight') as tf.Tensor4D;
  const [batch, height, width] = x!.shape;
  const size = (length: number, i: 0 | 1) => (length - 1) * spec.stride[i] - 2 * spec.padding[i] + spec.kernel[i] + spec.outputPadding[i];
  if (spec.outputPadding[0] >= spec.stride[0] || spec.outputPadding[1] >= spec.stride[1]) {
    throw new InternalError(`node "${node.name}": outputPadding must be smaller than the stride`);
  }
  const outputShape: [number, number, number, number] = [batch, size(height, 0), size(width, 1), spec.outChannels];
  const y = tf.conv2dTranspose(x!, filter, outputShape, hw(spec.stride), explicitPadding(spec.padding));
  return spec.bias ? tf.add(y, context.param(node, 'bias') as tf.Tensor1D) : y;
}
