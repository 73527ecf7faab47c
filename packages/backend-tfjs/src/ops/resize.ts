import * as tf from '@tensorflow/tfjs-core';
import type { CoordinateMode } from '@vidseg/core';
import type { GraphNode } from '@vidseg/models';
import { resizeBilinear as resizeBilinearTfjs } from '@vidseg/tfjs-ops';
import type { OpContext } from './op-context.js';

type ResizeSpec = Extract<GraphNode['spec'], { op: 'resizeBilinear' }>;

/**
 * Bilinear resize of NHWC `x` to `size` with ONNX/PyTorch coordinate semantics: tfjs's
 * ResizeBilinear kernel (through `@vidseg/tfjs-ops`), the same in train and eval mode. Its gradient
 * is right in every coordinate mode because `registerTrainingKernels` replaced tfjs's
 * ResizeBilinearGrad, not because of anything this function does.
 */
export function resizeBilinearTo(x: tf.Tensor4D, size: readonly [number, number], mode: CoordinateMode): tf.Tensor4D {
  if (x.shape[1] === size[0] && x.shape[2] === size[1]) return x;
  return resizeBilinearTfjs(x, size, mode);
}

/** The graph's `resizeBilinear` op: a fixed size, a scale factor, or the size of a second input. */
export function resizeBilinear(node: GraphNode, inputs: readonly tf.Tensor4D[], _context: OpContext): tf.Tensor4D {
  const spec = node.spec as ResizeSpec;
  const x = inputs[0]!;
  const target = spec.target;
  let size: [number, number];
  if ('like' in target) size = [inputs[1]!.shape[1], inputs[1]!.shape[2]];
  else if ('size' in target) size = [target.size[0], target.size[1]];
  else size = [Math.floor(x.shape[1] * target.scale), Math.floor(x.shape[2] * target.scale)];
  return resizeBilinearTo(x, size, spec.coordinateMode);
}
