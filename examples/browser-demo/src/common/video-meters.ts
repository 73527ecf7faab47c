import { MeanIoU, TemporalConsistency, zeroFlow, type FlowField, type LabelMap, type LabelSpace } from '@vidseg/core';

/** Running figures of one model over a video. */
export interface VideoFigures {
  /** mIoU against the exact labels (undefined for videos without labels). */
  readonly miou: number | undefined;
  /** TC with the exact flow of the clip (undefined for videos without flow). */
  readonly tc: number | undefined;
  /** TC with a zero flow: agreement of consecutive predictions with no motion compensation. */
  readonly flowFreeTc: number;
  /** Consecutive pairs counted. */
  readonly pairs: number;
}

/**
 * Feeds the predictions of one video, in order, to core's metrics: {@link MeanIoU} where the
 * exact labels are known, {@link TemporalConsistency} with the exact flow F(t -> t+1) where it is
 * known, and a second TemporalConsistency with a zero flow (a flow-free proxy that also counts
 * real motion as change, so it is only comparable between models on the same video).
 */
export class VideoMeters {
  private readonly miou: MeanIoU;
  private readonly exact: TemporalConsistency;
  private readonly flowFree: TemporalConsistency;
  private zero: FlowField | undefined;
  private labelled = 0;

  constructor(space: LabelSpace) {
    this.miou = new MeanIoU(space);
    this.exact = new TemporalConsistency(space);
    this.flowFree = new TemporalConsistency(space);
  }

  /**
   * Adds the prediction of frame `position`, with F(position -> position + 1) and the frame's
   * exact labels when known. A frame that does not follow the previous one starts a new run of pairs.
   */
  update(position: number, prediction: LabelMap, flowToNext: FlowField | undefined, groundTruth: LabelMap | undefined): void {
    const frame = { sequence: 'video', position, prediction };
    if (groundTruth) {
      this.miou.update({ ...frame, groundTruth });
      this.labelled++;
    }
    this.exact.update(flowToNext ? { ...frame, flowToNext } : frame);
    this.flowFree.update({ ...frame, flowToNext: this.zeroFlow(prediction) });
  }

  figures(): VideoFigures {
    const flowFree = this.flowFree.result().values;
    const exact = this.exact.result().values;
    return {
      miou: this.labelled > 0 ? this.miou.result().values.miou! : undefined,
      tc: exact.pairs! > 0 ? exact.tc! : undefined,
      flowFreeTc: flowFree.tc!,
      pairs: flowFree.pairs!,
    };
  }

  reset(): void {
    this.miou.reset();
    this.exact.reset();
    this.flowFree.reset();
    this.labelled = 0;
  }

  private zeroFlow(size: LabelMap): FlowField {
    if (this.zero?.width !== size.width || this.zero.height !== size.height) this.zero = zeroFlow(size.width, size.height);
    return this.zero;
  }
}
