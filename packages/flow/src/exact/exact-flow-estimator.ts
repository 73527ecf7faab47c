import { injectable, UsageError, type FlowEstimator, type FlowField, type ImageFrame } from '@vidseg/core';
import { exactFlowBook } from './exact-flow-book.js';

/**
 * The `exact` flow estimator: the exact flow of frames whose motion is known (frames of synthetic
 * clips, pseudo-motion pairs and their augmented copies, as recorded in {@link exactFlowBook}).
 * Frames of real videos have no exact flow: estimate theirs with `farneback` or read `flo` files.
 */
@injectable()
export class ExactFlowEstimator implements FlowEstimator {
  readonly name = 'exact';
  readonly cacheKey = 'exact';

  estimate(from: ImageFrame, to: ImageFrame): Promise<FlowField> {
    const flow = exactFlowBook.lookup(from, to);
    if (!flow) {
      return Promise.reject(
        new UsageError(`flow "exact": the exact flow between these two ${from.width}x${from.height} frames is not known`, {
          hint: 'exact flow exists only for frames of synthetic clips and pseudo-motion pairs (as the dataset or sampler returned them); use flow type "farneback" or "flo" for real video',
        }),
      );
    }
    return Promise.resolve(flow);
  }
}
