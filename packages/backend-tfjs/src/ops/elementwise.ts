import * as tf from '@tensorflow/tfjs-core';
import type { GraphNode } from '@vidseg/models';
import { deviceDropoutMask } from '../backend/webgpu/dropout-mask.js';
import type { OpContext } from './op-context.js';

type DropoutSpec = Extract<GraphNode['spec'], { op: 'dropout' }>;

/** PReLU with one slope per channel (broadcast over NHWC) or one shared slope. */
export function prelu(node: GraphNode, [x]: readonly tf.Tensor4D[], context: OpContext): tf.Tensor4D {
  return tf.prelu(x!, context.param(node, 'weight')) as tf.Tensor4D;
}

/** Sum of all inputs. */
export function add(_node: GraphNode, inputs: readonly tf.Tensor4D[]): tf.Tensor4D {
  return inputs.length === 2 ? tf.add(inputs[0]!, inputs[1]!) : tf.addN([...inputs]);
}

/** Product of all inputs. */
export function mul(_node: GraphNode, inputs: readonly tf.Tensor4D[]): tf.Tensor4D {
  return inputs.slice(1).reduce((product, x) => tf.mul(product, x), inputs[0]!);
}

/** Concatenation along channels (the last NHWC axis). */
export function concat(_node: GraphNode, inputs: readonly tf.Tensor4D[]): tf.Tensor4D {
  return inputs.length === 1 ? inputs[0]! : tf.concat([...inputs], 3);
}

/**
 * Inverted dropout in train mode (seeded from the network's stream); identity in eval mode. The mask
 * is drawn on the device where the backend can (WebGPU: a hash of the seed, not tfjs's stream, so
 * its masks differ from cpu's and wasm's), else by `tf.dropout`.
 */
export function dropout(node: GraphNode, [x]: readonly tf.Tensor4D[], context: OpContext): tf.Tensor4D {
  const rate = (node.spec as DropoutSpec).rate;
  if (context.mode === 'eval' || rate === 0) return x!;
  const seed = context.nextDropoutSeed();
  const mask = deviceDropoutMask(x!.shape, rate, seed);
  return (mask ? tf.mul(x!, mask) : tf.dropout(x!, rate, undefined, seed)) as tf.Tensor4D;
}
