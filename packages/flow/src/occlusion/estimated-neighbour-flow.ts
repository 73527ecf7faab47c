import type { ClipFrame, FlowEstimator, FlowField } from '@vidseg/core';
import { forwardBackwardMask, type ForwardBackwardThresholds } from './forward-backward.js';

/** A flow between two frames with the mask of pixels where it can be trusted. */
export interface MaskedFlow {
  readonly flow: FlowField;
  readonly valid: Uint8Array;
}

/**
 * Flows for raw neighbours in training (the data package's `NeighbourFlow`): the estimator's flow
 * from the target to the other frame and back (a cached estimator computes each pair once), each
 * masked by the forward-backward consistency test, so occluded and mismatched pixels do not count.
 */
export function estimatedNeighbourFlow(
  estimator: FlowEstimator,
  thresholds: ForwardBackwardThresholds = {},
): { estimate(target: ClipFrame, other: ClipFrame): Promise<MaskedFlow & { readonly backward: MaskedFlow }> } {
  return {
    async estimate(target, other) {
      const flow = await estimator.estimate(target.image, other.image, { from: target.id, to: other.id });
      const back = await estimator.estimate(other.image, target.image, { from: other.id, to: target.id });
      return {
        flow,
        valid: forwardBackwardMask(flow, back, thresholds),
        backward: { flow: back, valid: forwardBackwardMask(back, flow, thresholds) },
      };
    },
  };
}
