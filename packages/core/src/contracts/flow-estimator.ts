import type { FlowField, ImageFrame } from '../types/image-frame.js';

/** The ids of the two frames of a flow estimate (see {@link ClipFrame.id}). */
export interface FramePairIds {
  readonly from: string;
  readonly to: string;
}

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
  /**
   * The flow from `from` to `to`. `pair` names the frames (their {@link ClipFrame.id}s) for
   * estimators that look flows up by frame, such as precomputed `.flo` files; others ignore it.
   */
  estimate(from: ImageFrame, to: ImageFrame, pair?: FramePairIds): Promise<FlowField>;
  /** Frees native resources, if any. */
  dispose?(): void;
}
