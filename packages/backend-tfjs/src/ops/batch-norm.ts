import type * as tf from '@tensorflow/tfjs-core';
import type { GraphNode } from '@vidseg/models';
import { batchNormEval, batchNormTrain } from '@vidseg/tfjs-ops';
import type { OpContext } from './op-context.js';

type BatchNormSpec = Extract<GraphNode['spec'], { op: 'batchNorm' }>;

/**
 * BatchNorm2d on NHWC input. Train mode normalises with the batch mean and biased variance over
 * (N, H, W) (closed-form gradient from `@vidseg/tfjs-ops`) and reports them for the running
 * averages; eval mode uses the running averages in one fused kernel.
 */
export function batchNorm(node: GraphNode, [x]: readonly tf.Tensor4D[], context: OpContext): tf.Tensor4D {
  const spec = node.spec as BatchNormSpec;
  const params = { gamma: context.param(node, 'weight') as tf.Tensor1D, beta: context.param(node, 'bias') as tf.Tensor1D, eps: spec.eps };
  if (context.mode === 'eval') {
    return batchNormEval(x!, { ...params, mean: context.param(node, 'runningMean') as tf.Tensor1D, variance: context.param(node, 'runningVar') as tf.Tensor1D });
  }
  const { y, mean, variance, count } = batchNormTrain(x!, params);
  context.recordBatchStatistics(node, mean, variance, count);
  return y;
}
