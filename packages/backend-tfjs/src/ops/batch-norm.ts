import * as tf from '@tensorflow/tfjs-core';
import type { GraphNode } from '@vidseg/models';
import { batchNormTrain } from '@vidseg/tfjs-ops';
import type { OpImplementation } from './op-context.js';

type BatchNormSpec = Extract<GraphNode['spec'], { op: 'batchNorm' }>;

/**
 * BatchNorm2d on NHWC input. Train mode normalises with the batch mean and biased variance over
 * (N, H, W) (closed-form gradient from `@vidseg/tfjs-ops`) and reports them for the running
 * averages. Eval mode applies the running averages as x * scale + shift (per-channel vectors
 * computed first): on wasm two broadcast passes are 3-5x faster than the FusedBatchNorm kernel.
 * (Batch norms right after a convolution are folded into it in eval mode; see `eval-fusion.ts`.)
 * With frozen normalisation, train mode applies the running averages as eval mode does (unfolded,
 * so gradients reach scale, shift and input) and records no statistics.
 */
export const batchNorm: OpImplementation = batchNormWith(batchNormTrain);

/** {@link batchNorm} with `train` as its train-mode BatchNorm (benchmarks compare implementations). */
export function batchNormWith(train: typeof batchNormTrain): OpImplementation {
  return (node, [x], context) => {
    const spec = node.spec as BatchNormSpec;
    const params = { gamma: context.param(node, 'weight') as tf.Tensor1D, beta: context.param(node, 'bias') as tf.Tensor1D, eps: spec.eps };
    if (context.mode === 'eval' || context.frozenNormalization) {
      const scale = tf.mul(params.gamma, tf.rsqrt(tf.add(context.param(node, 'runningVar'), spec.eps)));
      const shift = tf.sub(params.beta, tf.mul(context.param(node, 'runningMean'), scale));
      return tf.add(tf.mul(x!, scale), shift);
    }
    const { y, mean, variance, count } = train(x!, params);
    context.recordBatchStatistics(node, mean, variance, count);
    return y;
  };
}
