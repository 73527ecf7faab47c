import type * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';

/** Throws unless `x` is a rank-4 (NHWC) tensor; `what` names the op and argument. */
export function assertRank4(x: tf.Tensor, what: string): asserts x is tf.Tensor4D {
  if (x.rank !== 4) {
    throw new UsageError(`${what} must be a rank-4 NHWC tensor, got shape [${x.shape.join(', ')}]`);
  }
}

/** Throws unless a kernel's `dataFormat` attribute is channels-last, the only layout these kernels implement. */
export function assertChannelsLast(dataFormat: string | undefined, kernelName: string): void {
  if (dataFormat !== undefined && dataFormat !== 'NHWC' && dataFormat !== 'channelsLast') {
    throw new UsageError(`${kernelName}: only NHWC is implemented, got dataFormat '${dataFormat}'`);
  }
}
