import * as tf from '@tensorflow/tfjs-core';
import type { ConvChain } from '../network/eval-fusion.js';
import type { OpContext } from './op-context.js';

/**
 * Runs a conv [-> batch norm] [-> activation] chain in eval mode as one fused tfjs convolution:
 * the batch norm's running statistics folded into the filter and bias (W * s, (b - mean) * s + beta
 * with s = gamma / sqrt(var + eps)), recomputed at every call so it always reflects the current
 * weights (a small cost next to the activations).
 */
export function fusedConvChain(chain: ConvChain, x: tf.Tensor4D, context: OpContext): tf.Tensor4D {
  const { conv, batchNorm, activation } = chain;
  if (conv.spec.op !== 'conv2d') throw new TypeError(`node "${conv.name}" is not a conv2d`);
  const spec = conv.spec;
  let filter = context.param(conv, 'weight') as tf.Tensor4D;
  let bias = spec.bias ? (context.param(conv, 'bias') as tf.Tensor1D) : undefined;
  const depthwise = spec.groups > 1;
  if (batchNorm && batchNorm.spec.op === 'batchNorm') {
    const scale = tf.mul(context.param(batchNorm, 'weight'), tf.rsqrt(tf.add(context.param(batchNorm, 'runningVar'), batchNorm.spec.eps))) as tf.Tensor1D;
    // HWIO filters end with the output channel; depthwise [kh, kw, C, m] with channel c * m + j.
    filter = tf.mul(filter, depthwise ? tf.reshape(scale, [filter.shape[2], filter.shape[3]]) : scale);
    const centred = bias ? tf.sub(bias, context.param(batchNorm, 'runningMean')) : tf.neg(context.param(batchNorm, 'runningMean'));
    bias = tf.add(tf.mul(centred, scale), context.param(batchNorm, 'bias')) as tf.Tensor1D;
  }
  const args = {
    x,
    filter,
    strides: [spec.stride[0], spec.stride[1]] as [number, number],
    // tfjs's fused kernels take explicit padding at run time; only the type declaration omits it.
    pad: [[0, 0], [spec.padding[0], spec.padding[0]], [spec.padding[1], spec.padding[1]], [0, 0]] as unknown as number,
    dilations: [spec.dilation[0], spec.dilation[1]] as [number, number],
    ...(bias ? { bias } : {}),
    ...(activation ? { activation: activation.spec.op as 'relu' | 'relu6' | 'prelu' } : {}),
    ...(activation?.spec.op === 'prelu' ? { preluActivationWeights: context.param(activation, 'weight') } : {}),
  };
  return depthwise ? tf.fused.depthwiseConv2d(args) : tf.fused.conv2d(args);
}
