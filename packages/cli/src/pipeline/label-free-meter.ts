import { TemporalConsistency, UnchangedShare, type EvaluatedFrame, type FlowEstimator, type LabelMap, type LabelSpace, type SequenceFrame } from '@vidseg/core';
import { labelFreeFigures, type LabelFreeFigures } from './label-free-evaluation.js';

/**
 * Label-free consistency of predictions as they are made, frame by frame (`vidseg infer --metrics`):
 * the `tc` metric along `flow` between consecutive frames and the `unchanged` share, the figures
 * `vidseg eval` reports on frames without labels.
 */
export class LabelFreeMeter {
  private readonly metrics: readonly [TemporalConsistency, UnchangedShare];
  private previous: { readonly frame: SequenceFrame; readonly evaluated: EvaluatedFrame } | undefined;
  private position = 0;

  constructor(
    space: LabelSpace,
    private readonly flow: FlowEstimator,
  ) {
    this.metrics = [new TemporalConsistency(space), new UnchangedShare(space)];
  }

  /** The flow estimator's cache key (names its parameters), for reports. */
  get flowName(): string {
    return this.flow.cacheKey;
  }

  /** Takes the prediction of the next frame (copied: the segmenter reuses its buffer). */
  async add(frame: SequenceFrame, prediction: LabelMap): Promise<void> {
    const previous = this.previous;
    if (previous) {
      const flowToNext = await this.flow.estimate(previous.frame.image, frame.image, { from: previous.frame.id, to: frame.id });
      for (const metric of this.metrics) metric.update({ ...previous.evaluated, flowToNext });
    }
    const evaluated: EvaluatedFrame = { sequence: 'input', position: this.position++, prediction: { ...prediction, data: prediction.data.slice() } };
    this.previous = { frame, evaluated };
  }

  /** Frees the flow estimator. */
  dispose(): void {
    this.flow.dispose?.();
  }

  /** The figures over every pair added so far. */
  result(): LabelFreeFigures {
    if (this.previous) for (const metric of this.metrics) metric.update(this.previous.evaluated);
    this.previous = undefined;
    return labelFreeFigures(Object.assign({}, ...this.metrics.map((metric) => metric.result().values)));
  }
}
