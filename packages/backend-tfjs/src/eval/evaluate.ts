import { evaluateSequences, type ClipDataset, type EvaluationResult, type FlowEstimator, type Metric, type ProgressReporter } from '@vidseg/core';
import type { TfjsNetwork } from '../network/tfjs-network.js';
import { predictLabels } from './predict-labels.js';

/** What {@link evaluate} needs. */
export interface EvaluationOptions {
  readonly network: TfjsNetwork;
  readonly dataset: ClipDataset;
  readonly metrics: readonly Metric[];
  /** Flow between consecutive labelled frames, for temporal metrics (TC); omitted: no flow is given to metrics. */
  readonly flow?: FlowEstimator;
  /** Network input size [height, width]; default: each frame's own size. */
  readonly inputSize?: readonly [number, number];
  readonly progress?: ProgressReporter;
}

/**
 * Evaluates the network (eval mode) on `dataset` with core's {@link evaluateSequences}: every
 * labelled frame, sequence by sequence in time order, predictions at the label maps' size.
 */
export async function evaluate(options: EvaluationOptions): Promise<EvaluationResult> {
  return evaluateSequences({
    dataset: options.dataset,
    metrics: options.metrics,
    ...(options.flow ? { flow: options.flow } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
    predict: (frame) => {
      const outputSize = frame.label ? ([frame.label.height, frame.label.width] as const) : undefined;
      return predictLabels(options.network, frame.image, {
        ...(options.inputSize ? { inputSize: options.inputSize } : {}),
        ...(outputSize ? { outputSize } : {}),
      });
    },
  });
}
