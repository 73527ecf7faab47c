import { inject, injectable } from '../di/tsyringe.js';
import { UsageError } from '../errors/vidseg-error.js';
import type { EvaluatedFrame, Metric, MetricResult } from '../contracts/metric.js';
import type { LabelMap } from '../types/image-frame.js';
import { assertSameSize } from '../types/image-frame.js';
import { isIgnoredLabel, type LabelSpace } from './label-space.js';
import { TOKENS } from '../di/tokens.js';

/** Options of {@link VideoConsistency}. */
export interface VideoConsistencyOptions {
  /** Window length: the number of consecutive labelled frames compared. */
  readonly n: number;
}

interface WindowFrame {
  readonly sequence: string;
  readonly position: number;
  readonly prediction: LabelMap;
  readonly groundTruth: LabelMap;
}

/**
 * Video consistency VC_n (flow-free): for every window of n consecutive labelled frames, among
 * the pixels whose ground truth is the same in all n frames (and not the ignore label or the model's
 * void class), the share
 * whose prediction is also the same in all n frames. VC_n is the mean of that share over windows
 * (as in the VSPW reference; every window is used, windows with no such pixel are skipped).
 * Its result holds `vc<n>` and `vc<n>Windows`, the number of windows averaged.
 */
@injectable()
export class VideoConsistency implements Metric {
  readonly name: string;
  private window: WindowFrame[] = [];
  private shareSum = 0;
  private windows = 0;

  private readonly n: number;

  constructor(
    @inject(TOKENS.labelSpace) private readonly space: LabelSpace,
    @inject(TOKENS.pluginOptions) options: VideoConsistencyOptions,
  ) {
    const { n } = options;
    if (!Number.isInteger(n) || n < 2) throw new UsageError(`metric "vc": option n (the window length) must be an integer >= 2, got ${n}`);
    this.n = n;
    this.name = `vc${n}`;
  }

  update(frame: EvaluatedFrame): void {
    if (!frame.groundTruth) {
      this.window = [];
      return;
    }
    const last = this.window[this.window.length - 1];
    if (last && (last.sequence !== frame.sequence || last.position + 1 !== frame.position)) this.window = [];
    assertSameSize(frame.groundTruth, frame.prediction, `VC_${this.n} (ground truth vs prediction)`);
    this.window.push({
      sequence: frame.sequence,
      position: frame.position,
      prediction: { ...frame.prediction, data: frame.prediction.data.slice() },
      groundTruth: frame.groundTruth,
    });
    if (this.window.length > this.n) this.window.shift();
    if (this.window.length === this.n) this.accumulateWindow();
  }

  private accumulateWindow(): void {
    const first = this.window[0]!;
    const size = first.groundTruth.data.length;
    let stable = 0;
    let consistent = 0;
    for (let p = 0; p < size; p++) {
      const gt = first.groundTruth.data[p]!;
      if (isIgnoredLabel(this.space, gt)) continue;
      const pred = first.prediction.data[p]!;
      let gtSame = true;
      let predSame = true;
      for (let f = 1; f < this.window.length; f++) {
        const frame = this.window[f]!;
        if (frame.groundTruth.data[p] !== gt) {
          gtSame = false;
          break;
        }
        if (frame.prediction.data[p] !== pred) predSame = false;
      }
      if (!gtSame) continue;
      stable++;
      if (predSame) consistent++;
    }
    if (stable === 0) return;
    this.shareSum += consistent / stable;
    this.windows++;
  }

  result(): MetricResult {
    // The window count is named after the metric, so VC_2's and VC_8's both survive in one record.
    return { values: { [this.name]: this.windows > 0 ? this.shareSum / this.windows : Number.NaN, [`${this.name}Windows`]: this.windows } };
  }

  reset(): void {
    this.window = [];
    this.shareSum = 0;
    this.windows = 0;
  }
}
