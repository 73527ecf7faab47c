import type { ClipDataset, SequenceFrame, SkippedInput } from '../contracts/clip-dataset.js';
import type { FlowEstimator } from '../contracts/flow-estimator.js';
import type { EvaluatedFrame, Metric, MetricResult } from '../contracts/metric.js';
import type { ProgressReporter } from '../contracts/progress-reporter.js';
import type { FlowField, LabelMap } from '../types/image-frame.js';
import type { VidsegConfig } from '../config/config-schema.js';
import type { DependencyContainer } from '../di/tsyringe.js';
import { DataError, VidsegError } from '../errors/vidseg-error.js';
import { pluginRegistry } from '../registry/plugin-registry.js';
import { entryLocation } from '../registry/entry-location.js';

/** What {@link evaluateSequences} needs. */
export interface SequenceEvaluationOptions {
  readonly dataset: ClipDataset;
  readonly metrics: readonly Metric[];
  /**
   * The prediction for one frame, at the size of its label map (or of the frame when unlabelled).
   * The returned buffer may be reused by the next call: metrics copy what they keep.
   */
  readonly predict: (frame: SequenceFrame) => Promise<LabelMap>;
  /** Flow between consecutive labelled frames, for metrics that declare `needsFlow` (TC); omitted: none is given. */
  readonly flow?: FlowEstimator;
  readonly progress?: ProgressReporter;
}

/** Every metric's result, and the values of all of them in one record (`miou`, `tc`, `vc8`, ...). */
export interface EvaluationResult {
  readonly frames: number;
  readonly values: Readonly<Record<string, number>>;
  readonly metrics: Readonly<Record<string, MetricResult>>;
  /** Frames left out because they could not be read (the dataset's `onBadInput: skip`); absent when none. */
  readonly skipped?: readonly SkippedInput[];
}

/**
 * Dataset positions in evaluation order: sequence by sequence in time order from
 * `dataset.sequences()` when the dataset has it, else the dataset's own order (a new sequence
 * starts wherever the frame's sequence name changes).
 */
export function evaluationOrder(dataset: ClipDataset): readonly number[] {
  if (typeof dataset.sequences === 'function') return dataset.sequences().flatMap((s) => s.positions);
  return Array.from({ length: dataset.size }, (_, i) => i);
}

/**
 * Predicts every labelled frame of `dataset`, sequence by sequence in time order, and feeds the
 * predictions (with ground truth, and the flow to the next frame of the sequence when `flow` is
 * given) to the metrics. The engine is anything that can `predict` a frame: the training network,
 * an ONNX session, a stored result.
 *
 * A metric that rejects a frame (a ground-truth label that is neither a class nor the ignore label,
 * a prediction of another size) fails the evaluation with a {@link DataError} naming the dataset,
 * the metric and the frame (id, sequence and video frame index); the metric's error is its cause.
 * A frame that cannot be read stops the evaluation, unless the dataset says `onBadInput: skip`:
 * then it is left out with a warning (its neighbours are not paired across the gap for temporal
 * metrics) and listed in the result's `skipped`.
 */
export async function evaluateSequences(options: SequenceEvaluationOptions): Promise<EvaluationResult> {
  const { dataset, metrics } = options;
  for (const metric of metrics) metric.reset();
  const task = options.progress?.start(`evaluate ${dataset.name}/${dataset.split}`, dataset.size, 'frames');
  let previous: { frame: SequenceFrame; evaluated: EvaluatedFrame } | undefined;
  let position = 0;
  let frames = 0;
  const skipped: SkippedInput[] = [];
  const emit = async (next: SequenceFrame | undefined): Promise<void> => {
    if (!previous) return;
    const { frame, evaluated } = previous;
    const flowToNext = next && options.flow ? await flowBetween(options.flow, dataset, frame, next) : undefined;
    for (const metric of metrics) {
      try {
        metric.update(flowToNext ? { ...evaluated, flowToNext } : evaluated);
      } catch (error) {
        throw frameError(dataset, metric, frame, error);
      }
    }
  };
  for (const datasetPosition of evaluationOrder(dataset)) {
    let frame: SequenceFrame;
    try {
      frame = await dataset.frame(datasetPosition);
    } catch (error) {
      if (dataset.onBadInput !== 'skip' || !(error instanceof DataError)) throw error;
      const reason = error.message.split('\n')[0]!;
      skipped.push({ position: datasetPosition, reason });
      options.progress?.warn(`skipped evaluation frame ${datasetPosition} (${skipped.length} so far; onBadInput: skip): ${reason}`);
      // The frames on either side of the gap are not consecutive: no flow and no window across it.
      await emit(undefined);
      previous = undefined;
      position++;
      task?.advance();
      continue;
    }
    if (previous && previous.frame.sequence !== frame.sequence) {
      await emit(undefined);
      previous = undefined;
      position = 0;
    }
    const predicted = await options.predict(frame);
    // The next frame's prediction may reuse this buffer before this one is emitted: keep a copy.
    const prediction = { ...predicted, data: predicted.data.slice() };
    const evaluated: EvaluatedFrame = { sequence: frame.sequence, position: position++, prediction, ...(frame.label ? { groundTruth: frame.label } : {}) };
    await emit(frame);
    previous = { frame, evaluated };
    frames++;
    task?.advance();
  }
  await emit(undefined);
  task?.done();
  const results: Record<string, MetricResult> = {};
  const values: Record<string, number> = {};
  for (const metric of metrics) {
    const result = metric.result();
    results[metric.name] = result;
    Object.assign(values, result.values);
  }
  return { frames, values, metrics: results, ...(skipped.length > 0 ? { skipped } : {}) };
}

/** The flow from `frame` to `next`; a failure (frames of different sizes, say) names both frames. */
async function flowBetween(flow: FlowEstimator, dataset: ClipDataset, frame: SequenceFrame, next: SequenceFrame): Promise<FlowField> {
  try {
    return await flow.estimate(frame.image, next.image, { from: frame.id, to: next.id });
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    const size = (f: SequenceFrame) => `${f.image.width}x${f.image.height}`;
    throw new DataError(`evaluating ${dataset.name}/${dataset.split}: no flow from frame "${frame.id}" (${size(frame)}) to the next frame "${next.id}" (${size(next)}) of sequence "${frame.sequence}": ${error.message.split('\n')[0]}`, {
      cause: error,
      hint: 'consecutive frames of a sequence must have the same size for temporal metrics (TC): resize them, or set eval.inputSize',
    });
  }
}

/**
 * The error of a metric that could not take `frame`, naming where the frame comes from. A vidseg
 * error's hint is carried over (taken off the end of its message, where VidsegError puts it).
 */
function frameError(dataset: ClipDataset, metric: Metric, frame: SequenceFrame, cause: unknown): DataError {
  let reason = cause instanceof Error ? cause.message : String(cause);
  let hint = `check that frame's label map (class ids 0..${dataset.classes.length - 1}, or ${dataset.ignoreLabel} for pixels to ignore, at the frame's size) and the prediction's size`;
  if (cause instanceof VidsegError && cause.hint && reason.endsWith(`\n  hint: ${cause.hint}`)) {
    reason = reason.slice(0, reason.length - `\n  hint: ${cause.hint}`.length);
    hint = cause.hint;
  }
  return new DataError(
    `evaluating ${dataset.name}/${dataset.split}: metric "${metric.name}" rejected frame "${frame.id}" (sequence "${frame.sequence}", video frame ${frame.index}): ${reason}`,
    { cause, hint },
  );
}

/**
 * The `eval.metrics` of a config built through the registry in `container` (which must hold the
 * run's label space), and the flow estimator temporal metrics use (`eval.flow`, else `flow`).
 */
export function createEvaluationPlugins(container: DependencyContainer, config: VidsegConfig, configFile?: string): { metrics: Metric[]; flow: FlowEstimator | undefined } {
  const registry = pluginRegistry(container);
  const location = (path: string) => entryLocation(path, configFile);
  const metrics = config.eval.metrics.map((entry, i) => registry.create(container, 'metric', entry, location(`eval.metrics[${i}]`)));
  const needsFlow = metrics.some((metric) => metric.needsFlow === true);
  const flowEntry = config.eval.flow ?? config.flow;
  const flow = needsFlow ? registry.create(container, 'flow', flowEntry, location(config.eval.flow ? 'eval.flow' : 'flow')) : undefined;
  return { metrics, flow };
}
