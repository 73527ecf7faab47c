import { inject, injectable } from '../di/tsyringe.js';
import type { EvaluatedFrame, Metric, MetricResult } from '../contracts/metric.js';
import type { LabelMap } from '../types/image-frame.js';
import { assertSameSize } from '../types/image-frame.js';
import type { LabelSpace } from './label-space.js';
import { TOKENS } from '../di/tokens.js';

/**
 * Pixels whose class is the same in two label maps of equal size, among those compared: every
 * pixel, or those where `previous` is not `ignoreLabel` when given. Label-free and flow-free.
 */
export function countUnchanged(previous: ArrayLike<number>, next: ArrayLike<number>, ignoreLabel?: number): { unchanged: number; compared: number } {
  let unchanged = 0;
  let compared = 0;
  for (let i = 0; i < previous.length; i++) {
    if (previous[i] === ignoreLabel) continue;
    compared++;
    if (previous[i] === next[i]) unchanged++;
  }
  return { unchanged, compared };
}

interface PreviousFrame {
  readonly sequence: string;
  readonly position: number;
  readonly prediction: LabelMap;
}

/**
 * Label-free, flow-free consistency: over every consecutive pair (t, t+1) of a sequence, the share
 * of pixels whose predicted class is the same in both frames (pixels where P_t is the ignore label
 * do not count). It needs no labels and no flow, so it runs on any video; camera or object motion
 * lowers it even for a perfect model, so compare models on the same frames only. Not VC_n, which
 * counts only pixels whose ground truth is stable.
 */
@injectable()
export class UnchangedShare implements Metric {
  readonly name = 'unchanged';
  private previous: PreviousFrame | undefined;
  private unchanged = 0;
  private counted = 0;
  private pairs = 0;

  constructor(@inject(TOKENS.labelSpace) private readonly space: LabelSpace) {}

  update(frame: EvaluatedFrame): void {
    const previous = this.previous;
    if (previous && previous.sequence === frame.sequence && previous.position + 1 === frame.position) {
      assertSameSize(previous.prediction, frame.prediction, `unchanged share (frame ${previous.position} vs ${frame.position} of ${frame.sequence})`);
      const { unchanged, compared } = countUnchanged(previous.prediction.data, frame.prediction.data, this.space.ignoreLabel);
      this.unchanged += unchanged;
      this.counted += compared;
      this.pairs++;
    }
    // Copy: callers (e.g. a streaming segmenter) may reuse their prediction buffer.
    this.previous = { sequence: frame.sequence, position: frame.position, prediction: { ...frame.prediction, data: frame.prediction.data.slice() } };
  }

  result(): MetricResult {
    return { values: { unchangedShare: this.counted > 0 ? this.unchanged / this.counted : Number.NaN, pairs: this.pairs } };
  }

  reset(): void {
    this.previous = undefined;
    this.unchanged = 0;
    this.counted = 0;
    this.pairs = 0;
  }
}
