import * as tf from '@tensorflow/tfjs-core';
import type { NetworkMode } from '@vidseg/core';
import type { CoordinateMode, GraphNode } from '@vidseg/models';
import { resizeBilinear as resizeBilinearTrainable } from '@vidseg/tfjs-ops';
import type { OpContext } from './op-context.js';

type ResizeSpec = Extract<GraphNode['spec'], { op: 'resizeBilinear' }>;

/**
 * Bilinear resize of NHWC `x` to `size` with ONNX/PyTorch coordinate semantics. In train mode it
 * uses `@vidseg/tfjs-ops` (correct gradients in every mode); in eval mode tfjs's own kernel, one
 * pass with the same forward values.
 */
export function resizeBilinearTo(x: tf.Tensor4D, size: readonly [number, number], mode: CoordinateMode, networkMode: NetworkMode = 'eval'): tf.Tensor4D {
  if (x.shape[1] === size[0] && x.shape[2] === size[1]) return x;
  if (networkMode === 'train') return resizeBilinearTrainable(x, size, mode);
  return tf.image.resizeBilinear(x, [size[0], size[1]], mode === 'align-corners', mode === 'half-pixel');
}

/** The graph's `resizeBilinear` op: a fixed size, a scale factor, or the size of a second input. */
export function resizeBilinear(node: GraphNode, inputs: readonly tf.Tensor4D[], context: OpContext): tf.Tensor4D {
  const spec = node.spec as ResizeSpec;
  const x = inputs[0]!;
  const target = spec.target;
  let size: [number, number];
  if ('like' in target) size = [inputs[1]!.shape[1], inputs[1]!.shape[2]];
  else if ('size' in target) size = [target.size[0], target.size[1]];
  else size = [Math.floor(x.shape[1] * target.scale), Math.floor(x.shape[2] * target.scale)];
  return resizeBilinearTo(x, size, spec.coordinateMode, context.mode);
}
