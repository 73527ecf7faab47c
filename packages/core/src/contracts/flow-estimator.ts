import type { FlowField, ImageFrame } from '../types/image-frame.js';

/**
 * Estimates dense optical flow between two frames of equal size, from `from` to `to`: the pixel p
 * of `from` shows the point at p + flow(p) in `to`.
 */
export interface FlowEstimator {
  /** Registered name, e.g. `farneback`. */
  readonly name: string;
  /**
   * A stable string of the estimator's name and every parameter that changes its output; it keys
   * the flow cache.
   */
  readonly cacheKey: string;
  estimate(from: ImageFrame, to: ImageFrame): Promise<FlowField>;
  /** Frees native resources, if any. */
  dispose?(): void;
}
