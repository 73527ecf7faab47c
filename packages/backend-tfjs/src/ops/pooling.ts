import * as tf from '@tensorflow/tfjs-core';
import type { GraphNode } from '@vidseg/models';
import { adaptiveAvgPool, avgPool2d as avgPool2dTrainable, maxPool2d as maxPool2dTrainable } from '@vidseg/tfjs-ops';

type AvgPoolSpec = Extract<GraphNode['spec'], { op: 'avgPool2d' }>;
type MaxPoolSpec = Extract<GraphNode['spec'], { op: 'maxPool2d' }>;
type AdaptiveSpec = Extract<GraphNode['spec'], { op: 'adaptiveAvgPool2d' }>;

/** PyTorch AvgPool2d (floor rounding, both `count_include_pad` rules). */
export function avgPool2d(node: GraphNode, [x]: readonly tf.Tensor4D[]): tf.Tensor4D {
  const spec = node.spec as AvgPoolSpec;
  return avgPool2dTrainable(x!, { kernel: spec.kernel, stride: spec.stride, padding: spec.padding, countIncludePad: spec.countIncludePad });
}

/** PyTorch MaxPool2d (padding never wins the maximum; floor rounding). */
export function maxPool2d(node: GraphNode, [x]: readonly tf.Tensor4D[]): tf.Tensor4D {
  const spec = node.spec as MaxPoolSpec;
  return maxPool2dTrainable(x!, { kernel: spec.kernel, stride: spec.stride, padding: spec.padding });
}

/** Mean over height and width, keeping them as 1x1. */
export function globalAvgPool(_node: GraphNode, [x]: readonly tf.Tensor4D[]): tf.Tensor4D {
  return tf.mean(x!, [1, 2], true) as tf.Tensor4D;
}

/** PyTorch AdaptiveAvgPool2d (bin i of L over n: [floor(i L / n), ceil((i + 1) L / n))). */
export function adaptiveAvgPool2d(node: GraphNode, [x]: readonly tf.Tensor4D[]): tf.Tensor4D {
  return adaptiveAvgPool(x!, (node.spec as AdaptiveSpec).bins);
}
