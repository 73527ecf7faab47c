import { inject, injectable } from '../di/tsyringe.js';
import type { EvaluatedFrame, Metric, MetricResult } from '../contracts/metric.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { perClassRecord, type LabelSpace } from './label-space.js';
import { TOKENS } from '../di/tokens.js';

/**
 * Segmentation accuracy: one confusion matrix accumulated over every labelled frame of the split;
 * reports `miou` (mean IoU over classes with a non-empty union) and `pixelAccuracy`.
 */
@injectable()
export class MeanIoU implements Metric {
  readonly name = 'miou';
  private readonly confusion: ConfusionMatrix;

  constructor(@inject(TOKENS.labelSpace) private readonly space: LabelSpace) {
    this.confusion = ConfusionMatrix.of(space);
  }

  update(frame: EvaluatedFrame): void {
    if (frame.groundTruth) this.confusion.update(frame.groundTruth, frame.prediction);
  }

  result(): MetricResult {
    return {
      values: { miou: this.confusion.meanIoU(), pixelAccuracy: this.confusion.pixelAccuracy() },
      perClass: perClassRecord(this.space, this.confusion.iou()),
    };
  }

  reset(): void {
    this.confusion.reset();
  }
}
