import { inject, injectable } from '../di/tsyringe.js';
import type { EvaluatedFrame, Metric, MetricResult } from '../contracts/metric.js';
import type { LabelMap } from '../types/image-frame.js';
import { assertSameSize } from '../types/image-frame.js';
import type { LabelSpace } from './label-space.js';
import { TOKENS } from '../di/tokens.js';

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
      const a = previous.prediction.data;
      const b = frame.prediction.data;
      const ignore = this.space.ignoreLabel;
      for (let i = 0; i < a.length; i++) {
        if (a[i] === ignore) continue;
        this.counted++;
        if (a[i] === b[i]) this.unchanged++;
      }
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
