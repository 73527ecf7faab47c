import { inject, injectable } from '../di/tsyringe.js';
import type { EvaluatedFrame, Metric, MetricResult } from '../contracts/metric.js';
import type { LabelMap } from '../types/image-frame.js';
import { assertSameSize } from '../types/image-frame.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { perClassRecord, type LabelSpace } from './label-space.js';
import { forEachFlowTarget } from './warp-labels-nearest.js';
import { TOKENS } from '../di/tokens.js';

interface PreviousFrame {
  readonly sequence: string;
  readonly position: number;
  readonly prediction: LabelMap;
  readonly flowToNext: EvaluatedFrame['flowToNext'];
}

/**
 * Temporal consistency (TC): for every consecutive pair (t, t+1) of a sequence, P_{t+1} is warped
 * back to t along F_{t->t+1} by nearest neighbour and compared with P_t; TC is the mIoU of the
 * confusion accumulated over all pairs (rows P_t, columns warped P_{t+1}).
 *
 * Pixels whose flow target (rounded to the nearest pixel) leaves the frame contribute nothing, and
 * neither do pixels where P_t is the ignore label or the model's void class. Frame t must carry
 * `flowToNext`.
 */
@injectable()
export class TemporalConsistency implements Metric {
  readonly name = 'tc';
  readonly needsFlow = true;
  private readonly confusion: ConfusionMatrix;
  private previous: PreviousFrame | undefined;
  private pairs = 0;

  constructor(@inject(TOKENS.labelSpace) private readonly space: LabelSpace) {
    this.confusion = ConfusionMatrix.of(space);
  }

  update(frame: EvaluatedFrame): void {
    const previous = this.previous;
    if (previous && previous.sequence === frame.sequence && previous.position + 1 === frame.position && previous.flowToNext) {
      this.accumulatePair(previous.prediction, frame.prediction, previous.flowToNext);
    }
    // Copy: callers (e.g. a streaming segmenter) may reuse their prediction buffer.
    this.previous = {
      sequence: frame.sequence,
      position: frame.position,
      prediction: { ...frame.prediction, data: frame.prediction.data.slice() },
      flowToNext: frame.flowToNext,
    };
  }

  private accumulatePair(current: LabelMap, next: LabelMap, flow: NonNullable<EvaluatedFrame['flowToNext']>): void {
    assertSameSize(current, next, 'temporal consistency (P_t vs P_t+1)');
    assertSameSize(current, flow, 'temporal consistency (P_t vs flow)');
    const a = current.data;
    const b = next.data;
    forEachFlowTarget(flow, (p, q) => this.confusion.add(a[p]!, b[q]!));
    this.pairs++;
  }

  result(): MetricResult {
    return {
      values: { tc: this.confusion.meanIoU(), pairs: this.pairs },
      perClass: perClassRecord(this.space, this.confusion.iou()),
    };
  }

  reset(): void {
    this.confusion.reset();
    this.previous = undefined;
    this.pairs = 0;
  }
}
