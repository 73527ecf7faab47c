import type { FlowField, LabelMap } from '../types/image-frame.js';

/**
 * One evaluated frame, fed to metrics in time order within each sequence. Temporal metrics pair
 * it with the previous frames of the same sequence.
 */
export interface EvaluatedFrame {
  /** Sequence name; frames of different sequences are never paired. */
  readonly sequence: string;
  /** Position of the frame in its sequence (consecutive frames differ by 1). */
  readonly position: number;
  /** Predicted class ids. */
  readonly prediction: LabelMap;
  /** Ground-truth class ids, when the frame is labelled. */
  readonly groundTruth?: LabelMap;
  /** Flow from this frame to the next frame of the sequence (for temporal consistency). */
  readonly flowToNext?: FlowField;
}

/** A metric's result: named values (percentages are fractions in [0, 1]) and optional detail. */
export interface MetricResult {
  readonly values: Readonly<Record<string, number>>;
  /** Per-class values, e.g. IoU per class name (NaN for classes that never occur). */
  readonly perClass?: Readonly<Record<string, number>>;
}

/** A streaming metric: feed frames, then read the result. */
export interface Metric {
  /** Registered name, e.g. `miou`. */
  readonly name: string;
  /**
   * True when the metric reads `flowToNext` (temporal consistency): the evaluation then builds the
   * flow estimator and gives every frame the flow to the next one.
   */
  readonly needsFlow?: boolean;
  update(frame: EvaluatedFrame): void;
  result(): MetricResult;
  reset(): void;
}
