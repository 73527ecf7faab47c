import * as tf from '@tensorflow/tfjs-core';
import type { GraphNode } from '@vidseg/models';
import type { OpContext } from './op-context.js';

type BatchNormSpec = Extract<GraphNode['spec'], { op: 'batchNorm' }>;

/**
 * BatchNorm2d on NHWC input. Train mode normalises with the batch mean and biased variance over
 * (N, H, W) and reports them for the running averages; eval mode uses the running averages.
 * Written as broadcast element-wise ops (tf.moments spends its time in Tile on wasm).
 */
export function batchNorm(node: GraphNode, [x]: readonly tf.Tensor4D[], context: OpContext): tf.Tensor4D {
  const spec = node.spec as BatchNormSpec;
  const gamma = context.param(node, 'weight');
  const beta = context.param(node, 'bias');
  if (context.mode === 'eval') {
    const scale = tf.mul(gamma, tf.rsqrt(tf.add(context.param(node, 'runningVar'), spec.eps)));
    const shift = tf.sub(beta, tf.mul(context.param(node, 'runningMean'), scale));
    return tf.add(tf.mul(x!, scale), shift);
  }
  const [n, h, w] = x!.shape;
  const mean = tf.mean(x!, [0, 1, 2]) as tf.Tensor1D;
  const centered = tf.sub(x!, mean);
  const variance = tf.mean(tf.square(centered), [0, 1, 2]) as tf.Tensor1D;
  context.recordBatchStatistics(node, mean, variance, n * h * w);
  const scale = tf.mul(gamma, tf.rsqrt(tf.add(variance, spec.eps)));
  return tf.add(tf.mul(centered, scale), beta);
}
