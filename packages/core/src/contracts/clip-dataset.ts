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
  /**
   * For each exact flow, one byte per pixel of frame t: 1 where the point seen there is visible in
   * the other frame and its exact flow can be used (warping that frame back reproduces frame t up to
   * interpolation), 0 where it is occluded, leaves the view or sits on a motion boundary. Undefined
   * where `exactFlows` is.
   */
  readonly exactFlowMasks?: readonly (Uint8Array | undefined)[];
  /** Exact flow from each frame back to frame t (undefined at `target` or when unknown). */
  readonly exactBackwardFlows?: readonly (FlowField | undefined)[];
  /** Masks of the backward flows, one byte per pixel of the other frame (as `exactFlowMasks`). */
  readonly exactBackwardFlowMasks?: readonly (Uint8Array | undefined)[];
}

/**
 * A neighbouring frame made or rendered with known motion: the exact flow from the labelled frame to
 * it and the mask of pixels where that flow is usable (see {@link ClipSample.exactFlowMasks}).
 */
export interface ExactNeighbour {
  readonly frame: ClipFrame;
  /** Exact flow from the labelled frame to `frame`. */
  readonly flow: FlowField;
  /** One byte per pixel of the labelled frame: 1 where `flow` is usable, 0 where occluded. */
  readonly valid: Uint8Array;
  /** The exact flow from `frame` back to the labelled frame and its mask, when the dataset has it. */
  readonly backward?: { readonly flow: FlowField; readonly valid: Uint8Array };
}

/**
 * The labelled frames of one sequence in time order, for evaluation: consecutive entries of
 * `positions` are consecutive frames for temporal metrics (CamVid val 0016E5: 101 positions, 100
 * pairs 2 video frames apart).
 */
export interface LabelledSequence {
  /** Sequence name, used as {@link EvaluatedFrame.sequence}. */
  readonly name: string;
  /** Dataset positions of its labelled frames, in time order. */
  readonly positions: readonly number[];
  /** Video frames between consecutive labelled frames (1 when every frame is labelled). */
  readonly frameStep: number;
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
  /**
   * What a frame that cannot be read (undecodable image, bad label map) does in training and
   * evaluation: `error` (the default) stops with a DataError naming it; `skip` leaves it out with
   * a warning, and the run reports every frame left out at the end.
   */
  readonly onBadInput?: 'error' | 'skip';
  /** The labelled frame at `position` (0 <= position < size), with its label map. */
  frame(position: number): Promise<SequenceFrame>;
  /**
   * The raw frame `offset` video frames away from the labelled frame at `position`, or undefined
   * when the dataset does not have it (e.g. CamVid train is labelled at 1 Hz with no frames between).
   */
  neighbour(position: number, offset: number): Promise<ClipFrame | undefined>;
  /**
   * A neighbour `offset` frames away with its exact flow from the labelled frame at `position`, when
   * the dataset can make one: rendered (synthetic clips) or made by warping the still with a random
   * smooth motion drawn from `random` (pseudo-motion, e.g. CamVid train). Undefined when it cannot;
   * samplers then fall back to {@link ClipDataset.neighbour}. Optional.
   */
  exactNeighbour?(position: number, offset: number, random: RandomSource): Promise<ExactNeighbour | undefined>;
  /**
   * The labelled frames grouped into sequences, each in time order with a constant frame step, so an
   * evaluator can walk consecutive pairs. Optional; every dataset of `@vidseg/data` has it.
   */
  sequences?(): readonly LabelledSequence[];
  /**
   * Where the frame at `position` comes from (its image file; a video file and the time in it), so
   * outputs named by frame id can be mapped back to their input. Optional.
   */
  sourceOf?(position: number): string;
  /** Frames per second of the frames as the dataset gives them, when known (a video's rate). Optional. */
  readonly frameRate?: number;
}

/** A labelled frame left out of training or evaluation because it could not be read (`onBadInput: skip`). */
export interface SkippedInput {
  /** Its dataset position. */
  readonly position: number;
  /** The error that made it unusable (names the file). */
  readonly reason: string;
}

/** Builds training clips (pairs or triplets with one shared augmentation) from a dataset. */
export interface ClipSampler {
  /** Number of distinct target frames the sampler draws from. */
  readonly size: number;
  /** The clip whose labelled frame is the target at `position`, drawn with `random`. */
  sample(position: number, random: RandomSource): Promise<ClipSample>;
  /** Targets left out because they could not be read (a dataset's `onBadInput: skip`), if the sampler skips any. */
  readonly skipped?: readonly SkippedInput[];
}
