import type { FlowField, ImageFrame } from '@vidseg/core';

/**
 * Something that knows the exact motion between its frames, such as a synthetic clip: frames are
 * identified by a time stamp, and `flowBetween(a, b)` is the exact flow from the frame at a to the
 * frame at b.
 */
export interface ExactMotionSource {
  flowBetween(from: number, to: number): FlowField;
}

interface FrameOrigin {
  readonly source: ExactMotionSource;
  readonly time: number;
}

/**
 * Remembers which frames have an exactly known flow between them, so the `exact` flow estimator
 * can answer for frames that a synthetic clip rendered or a sampler made with known motion.
 * Entries are keyed by the frame objects themselves (weakly): they vanish with the frames, and a
 * copy of a frame is a different frame.
 */
export class ExactFlowBook {
  private readonly origins = new WeakMap<ImageFrame, FrameOrigin>();
  private readonly pairs = new WeakMap<ImageFrame, WeakMap<ImageFrame, FlowField | (() => FlowField)>>();

  /** Records that `image` is the frame of `source` at `time`. */
  recordOrigin(image: ImageFrame, source: ExactMotionSource, time: number): void {
    this.origins.set(image, { source, time });
  }

  /** Records the exact flow from `from` to `to`, or a function computing it on first lookup. */
  recordFlow(from: ImageFrame, to: ImageFrame, flow: FlowField | (() => FlowField)): void {
    let targets = this.pairs.get(from);
    if (!targets) {
      targets = new WeakMap();
      this.pairs.set(from, targets);
    }
    targets.set(to, flow);
  }

  /** The exact flow from `from` to `to`, or undefined when it is not known. */
  lookup(from: ImageFrame, to: ImageFrame): FlowField | undefined {
    const targets = this.pairs.get(from);
    const recorded = targets?.get(to);
    if (typeof recorded === 'function') {
      const flow = recorded();
      targets!.set(to, flow);
      return flow;
    }
    if (recorded) return recorded;
    const a = this.origins.get(from);
    const b = this.origins.get(to);
    if (a && b && a.source === b.source) return a.source.flowBetween(a.time, b.time);
    return undefined;
  }
}

/** The book shared by the datasets and samplers of `@vidseg/data` and the `exact` estimator. */
export const exactFlowBook = new ExactFlowBook();
