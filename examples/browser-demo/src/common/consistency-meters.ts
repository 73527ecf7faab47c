import { TemporalConsistency, zeroFlow, type FlowField, type LabelMap, type LabelSpace } from '@vidseg/core';

/** Running temporal-consistency figures of one model over a video. */
export interface ConsistencyFigures {
  /** TC with the exact flow of the clip (undefined for videos without flow). */
  readonly tc: number | undefined;
  /** TC with a zero flow: agreement of consecutive predictions with no motion compensation. */
  readonly flowFreeTc: number;
  /** Consecutive pairs counted. */
  readonly pairs: number;
}

/**
 * Feeds consecutive predictions of one video to two of core's {@link TemporalConsistency}
 * metrics: one with the clip's exact flow F(t -> t+1) when there is one, one with a zero flow (a
 * flow-free proxy that also counts real motion as change, so it is only comparable between
 * models on the same video).
 */
export class ConsistencyMeters {
  private readonly exact: TemporalConsistency;
  private readonly flowFree: TemporalConsistency;
  private zero: FlowField | undefined;

  constructor(space: LabelSpace) {
    this.exact = new TemporalConsistency(space);
    this.flowFree = new TemporalConsistency(space);
  }

  /**
   * Adds the prediction of frame `position`; `flowToNext` is F(position -> position + 1) when
   * known. Frames that do not follow the previous one start a new run of pairs.
   */
  update(position: number, prediction: LabelMap, flowToNext: FlowField | undefined): void {
    const frame = { sequence: 'video', position, prediction };
    this.exact.update(flowToNext ? { ...frame, flowToNext } : frame);
    this.flowFree.update({ ...frame, flowToNext: this.zeroFlow(prediction) });
  }

  figures(): ConsistencyFigures {
    const flowFree = this.flowFree.result().values;
    const exact = this.exact.result().values;
    return { tc: exact.pairs! > 0 ? exact.tc! : undefined, flowFreeTc: flowFree.tc!, pairs: flowFree.pairs! };
  }

  reset(): void {
    this.exact.reset();
    this.flowFree.reset();
  }

  private zeroFlow(size: LabelMap): FlowField {
    if (this.zero?.width !== size.width || this.zero.height !== size.height) this.zero = zeroFlow(size.width, size.height);
    return this.zero;
  }
}
