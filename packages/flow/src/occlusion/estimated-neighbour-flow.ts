import type { FlowEstimator, NeighbourFlow } from '@vidseg/core';
import { forwardBackwardMask, type ForwardBackwardThresholds } from './forward-backward.js';

/**
 * Flows for raw neighbours in training (core's {@link NeighbourFlow}): the estimator's flow
 * from the target to the other frame and back (a cached estimator computes each pair once), each
 * masked by the forward-backward consistency test, so occluded and mismatched pixels do not count.
 */
export function estimatedNeighbourFlow(estimator: FlowEstimator, thresholds: ForwardBackwardThresholds = {}): NeighbourFlow {
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
