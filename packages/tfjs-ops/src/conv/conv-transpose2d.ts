import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import { assertRank4 } from '../util/assert-nhwc.js';
import { explicitPadding } from '../util/explicit-padding.js';
import { toPair, type PairLike } from '../util/pair.js';

/** PyTorch ConvTranspose2d attributes (dilation 1, groups 1). */
export interface ConvTranspose2dOptions {
  /** Default 1. */
  readonly stride?: PairLike;
  /** PyTorch's `padding`: rows/columns removed from each side of the full output. Default 0. */
  readonly padding?: PairLike;
  /** PyTorch's `output_padding`: extra rows/columns at the bottom/right, below the stride. Default 0. */
  readonly outputPadding?: PairLike;
  /** Added per output channel when given. */
  readonly bias?: tf.Tensor1D;
}

/**
 * PyTorch's ConvTranspose2d on NHWC input with a filter [kh, kw, out, in] (PyTorch's
 * [in, out, kh, kw] transposed by [2, 3, 1, 0]). Output size (H - 1) * stride - 2 * padding +
 * kernel + outputPadding. It is the input gradient of a convolution, so it runs on the
 * Conv2DBackpropInput kernel and trains through tfjs's gradient of that kernel.
 */
export function convTranspose2d(x: tf.Tensor4D, filter: tf.Tensor4D, options: ConvTranspose2dOptions = {}): tf.Tensor4D {
  assertRank4(x, 'convTranspose2d: x');
  assertRank4(filter, 'convTranspose2d: filter');
  const stride = toPair(options.stride ?? 1, 'convTranspose2d: stride', 1);
  const padding = toPair(options.padding ?? 0, 'convTranspose2d: padding', 0);
  const outputPadding = toPair(options.outputPadding ?? 0, 'convTranspose2d: outputPadding', 0);
  const [kh, kw, outChannels, inChannels] = filter.shape;
  if (inChannels !== x.shape[3]) {
    throw new UsageError(`convTranspose2d: filter [${filter.shape.join(', ')}] must have the input's ${x.shape[3]} channels on axis 3`);
  }
  if (outputPadding[0] >= stride[0] || outputPadding[1] >= stride[1]) {
    throw new UsageError(`convTranspose2d: outputPadding [${outputPadding}] must be smaller than the stride [${stride}]`);
  }
  const [batch, height, width] = x.shape;
  const outHeight = (height - 1) * stride[0] - 2 * padding[0] + kh + outputPadding[0];
  const outWidth = (width - 1) * stride[1] - 2 * padding[1] + kw + outputPadding[1];
  if (outHeight < 1 || outWidth < 1) {
    throw new UsageError(`convTranspose2d: the output of [${x.shape.join(', ')}] would be ${outHeight}x${outWidth}; reduce the padding`);
  }
  // The padding of the forward convolution whose input gradient this is: `padding` before, and
  // after whatever makes that convolution's output exactly the size of x.
  const pad = explicitPadding(padding[0], Math.max(padding[0] - outputPadding[0], 0), padding[1], Math.max(padding[1] - outputPadding[1], 0));
  return tf.tidy(() => {
    const y = tf.conv2dTranspose(x, filter, [batch, outHeight, outWidth, outChannels], stride, pad);
    return options.bias ? tf.add(y, options.bias) : y;
  });
}
