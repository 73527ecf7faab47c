import type { ClipFrame, FlowField } from '@vidseg/core';

/**
 * Flow for a raw neighbour that has no exact flow (real video): estimated on the frames before
 * augmentation, so an estimator's disk cache serves every later draw of the same pair, then
 * transformed with the clip by the shared augmentation like an exact flow.
 */
export interface NeighbourFlow {
  /**
   * The flow from `target` to `other` with its validity mask (1 where it can be trusted, e.g. by a
   * forward-backward check), and the flow back with its mask.
   */
  estimate(
    target: ClipFrame,
    other: ClipFrame,
  ): Promise<{ readonly flow: FlowField; readonly valid: Uint8Array; readonly backward: { readonly flow: FlowField; readonly valid: Uint8Array } }>;
}
