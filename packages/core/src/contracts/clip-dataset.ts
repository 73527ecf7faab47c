import type { FlowField, ImageFrame, LabelMap } from '../types/image-frame.js';
import type { RandomSource } from '../random/random-source.js';

/** One frame of a clip, with its label map when the dataset has one for it. */
export interface ClipFrame {
  readonly image: ImageFrame;
  readonly label?: LabelMap;
  /** Identifies the frame for caches and reports, e.g. `0016E5_07959`. */
  readonly id: string;
}

/**
 * A short clip for one training or evaluation step: frames in time order, the labelled frame t at
 * `target`, and, when known exactly (synthetic clips, pseudo-motion pairs), the flow from frame t
 * to every other frame.
 */
export interface ClipSample {
  readonly frames: readonly ClipFrame[];
  readonly target: number;
  /** Exact flow from frame t to each frame (undefined at `target` or when unknown). */
  readonly exactFlows?: readonly (FlowField | undefined)[];
}

/** A labelled frame in a video sequence. */
export interface SequenceFrame extends ClipFrame {
  /** Sequence name, e.g. `0016E5`. */
  readonly sequence: string;
  /** Index of the frame in the original video, e.g. 7959. */
  readonly index: number;
}

/**
 * A split of a video segmentation dataset: labelled frames, with access to the raw frames around
 * them when the dataset has those.
 */
export interface ClipDataset {
  /** Registered name, e.g. `camvid`. */
  readonly name: string;
  /** Split name, e.g. `train`. */
  readonly split: string;
  /** Class names, in id order. */
  readonly classes: readonly string[];
  /** Label value that marks pixels to ignore. */
  readonly ignoreLabel: number;
  /** Number of labelled frames. */
  readonly size: number;
  /** The labelled frame at `position` (0 <= position < size), with its label map. */
  frame(position: number): Promise<SequenceFrame>;
  /**
   * The raw frame `offset` video frames away from the labelled frame at `position`, or undefined
   * when the dataset does not have it (e.g. CamVid train is labelled at 1 Hz with no frames between).
   */
  neighbour(position: number, offset: number): Promise<ClipFrame | undefined>;
}

/** Builds training clips (pairs or triplets with one shared augmentation) from a dataset. */
export interface ClipSampler {
  /** Number of distinct target frames the sampler draws from. */
  readonly size: number;
  /** The clip whose labelled frame is the target at `position`, drawn with `random`. */
  sample(position: number, random: RandomSource): Promise<ClipSample>;
}
