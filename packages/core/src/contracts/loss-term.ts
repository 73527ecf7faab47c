import type { NetworkOutputs } from './network-outputs.js';

/** What a loss term reads, so the trainer computes (and the teacher runs) only what is needed. */
export interface LossRequirements {
  /** Needs the label map of the target frame. */
  readonly labels: boolean;
  /** Needs the neighbour frame(s) and the flow from the target to each of them. */
  readonly neighbours: boolean;
  /** Needs teacher outputs. */
  readonly teacher: boolean;
  /** Needs the feature maps (of the student, and of the teacher when `teacher` is set). */
  readonly features: boolean;
  /** Needs a triplet (t-k, t, t+k) rather than a pair. */
  readonly triplet: boolean;
  /**
   * Needs the backward flow from each neighbour to frame t as well (`LossInputs.backwardFlows`),
   * e.g. for a forward-backward consistency mask. Absent means false.
   */
  readonly backwardFlows?: boolean;
}

/**
 * The inputs of one training step, for a clip of frames ordered in time. Index `target` is the
 * labelled frame t; the others are its neighbours. All tensors have the batch as first axis.
 *
 * @typeParam T - the engine's tensor type.
 */
export interface LossInputs<T> {
  /** Index of the labelled frame t in the clip arrays. */
  readonly target: number;
  /** Normalised network inputs, one per frame of the clip. */
  readonly images: readonly T[];
  /** Student outputs, one per frame of the clip. */
  readonly student: readonly NetworkOutputs<T>[];
  /** Teacher outputs, one per frame (present when a loss requires the teacher). */
  readonly teacher?: readonly NetworkOutputs<T>[];
  /** Integer class ids of frame t (present when a loss requires labels). */
  readonly labels?: T;
  /**
   * Flow from frame t to each frame of the clip (the entry at `target` is unused), in pixels of
   * the input resolution. A pixel p of t shows the point at p + flow(p) of the other frame.
   */
  readonly flows?: readonly (T | undefined)[];
  /**
   * Flow from each frame of the clip back to frame t (the entry at `target` is unused), in pixels
   * of the input resolution: a pixel p of frame i shows the point at p + flow(p) of frame t.
   * Present when a loss requires `backwardFlows`.
   */
  readonly backwardFlows?: readonly (T | undefined)[];
}

/**
 * One weighted term of the training objective. A term maps the step's inputs to a scalar tensor;
 * the trainer multiplies it by the configured weight and sums the terms.
 *
 * @typeParam T - the engine's tensor type.
 */
export interface LossTerm<T> {
  /** Registered name, e.g. `cross-entropy`. */
  readonly name: string;
  readonly requires: LossRequirements;
  /** The unweighted loss value as a scalar tensor. */
  compute(inputs: LossInputs<T>): T;
  /** Tensors owned by the term that must be freed with it (optional). */
  dispose?(): void;
}

/** Requirements of a term that needs only the labelled frame's labels. */
export const PER_FRAME_REQUIREMENTS: LossRequirements = {
  labels: true,
  neighbours: false,
  teacher: false,
  features: false,
  triplet: false,
};
