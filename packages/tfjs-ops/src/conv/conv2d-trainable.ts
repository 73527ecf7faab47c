import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import { assertRank4 } from '../util/assert-nhwc.js';
import { symmetricPadding } from '../util/explicit-padding.js';
import { toPair, type PairLike } from '../util/pair.js';

/** PyTorch Conv2d attributes. */
export interface Conv2dOptions {
  /** Default 1. */
  readonly stride?: PairLike;
  /** Symmetric zero padding [top/bottom, left/right], as PyTorch's `padding`. Default 0. */
  readonly padding?: PairLike;
  /** Default 1. A convolution cannot have both a stride and a dilation above 1 (tfjs's rule). */
  readonly dilation?: PairLike;
  /**
   * 1 (filter [kh, kw, in, out]), the number of input channels for a depthwise convolution
   * (filter [kh, kw, in, multiplier], tfjs's depthwise layout), or any other divisor of the input
   * channels (filter [kh, kw, in / groups, out], each group's outputs side by side). Default 1.
   */
  readonly groups?: number;
  /** Added per output channel when given. */
  readonly bias?: tf.Tensor1D;
}

/**
 * PyTorch's Conv2d on NHWC input, with gradients on every backend once `registerTrainingKernels`
 * has run (including dilated and depthwise convolutions on wasm).
 */
export function conv2dTrainable(x: tf.Tensor4D, filter: tf.Tensor4D, options: Conv2dOptions = {}): tf.Tensor4D {
  assertRank4(x, 'conv2dTrainable: x');
  assertRank4(filter, 'conv2dTrainable: filter');
  const stride = toPair(options.stride ?? 1, 'conv2dTrainable: stride', 1);
  const dilation = toPair(options.dilation ?? 1, 'conv2dTrainable: dilation', 1);
  const pad = symmetricPadding(toPair(options.padding ?? 0, 'conv2dTrainable: padding', 0));
  if (Math.max(...stride) > 1 && Math.max(...dilation) > 1) {
    throw new UsageError(`conv2dTrainable: a convolution takes either a stride or a dilation above 1, not both (stride [${stride}], dilation [${dilation}])`);
  }
  const inChannels = x.shape[3];
  const groups = options.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1 || inChannels % groups !== 0) {
    throw new UsageError(`conv2dTrainable: groups must divide the ${inChannels} input channels, got ${groups}`);
  }
  const expectedIn = groups === inChannels ? inChannels : inChannels / groups;
  if (filter.shape[2] !== expectedIn) {
    throw new UsageError(
      `conv2dTrainable: filter [${filter.shape.join(', ')}] must have ${expectedIn} input channels (axis 2) for ${inChannels} input channels and groups ${groups}`,
    );
  }
  return tf.tidy(() => {
    let y: tf.Tensor4D;
    if (groups === 1) y = tf.conv2d(x, filter, stride, pad, 'NHWC', dilation);
    else if (groups === inChannels) y = tf.depthwiseConv2d(x, filter, stride, pad, 'NHWC', dilation);
    else {
      const inputs = tf.split(x, groups, 3) as tf.Tensor4D[];
      const filters = tf.split(filter, groups, 3) as tf.Tensor4D[];
      y = tf.concat(inputs.map((input, g) => tf.conv2d(input, filters[g]!, stride, pad, 'NHWC', dilation)), 3);
    }
    return options.bias ? tf.add(y, options.bias) : y;
  });
}
