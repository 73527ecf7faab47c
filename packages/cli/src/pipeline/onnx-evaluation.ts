import {
  createEvaluationPlugins,
  entryLocation,
  evaluateSequences,
  evaluationLabelSpace,
  pluginRegistry,
  resizeLabelsNearest,
  TOKENS,
  type ClipDataset,
  type DependencyContainer,
  type EvaluationResult,
  type FlowEstimator,
  type VidsegConfig,
} from '@vidseg/core';
import { createSegmenter, segmentAtModelSize, type RuntimeChoice } from '@vidseg/backend-ort';
import { labelFreeSpace } from './label-free-evaluation.js';

/** An evaluation through ONNX Runtime, with the time the model took per frame. */
export interface OnnxEvaluation {
  readonly result: EvaluationResult;
  /** Median wall time of one frame (resizing to the model, preprocessing, session.run, argmax, labels back to the frame size), milliseconds. */
  readonly medianMs: number;
  readonly runtime: string;
  /** The flow estimator that made the flows of temporal metrics, for reports. */
  readonly flow: string | undefined;
}

/**
 * Evaluates an exported model (file path or bytes) on `dataset` with the config's `eval` metrics
 * and flow: frames go through the per-frame segmenter exactly as in deployment, at `eval.inputSize`
 * when set, else at the model's own size (its fixed input, or its training size; see
 * `segmentAtModelSize`), and predictions are compared at the label maps' size. The model's void
 * class (from its metadata) counts as "no class" in every metric.
 */
export async function evaluateOnnx(options: {
  run: DependencyContainer;
  config: VidsegConfig;
  dataset: ClipDataset;
  model: string | Uint8Array;
  /** The runtime (default: the config's `runtime`). */
  runtime?: RuntimeChoice;
  /** Frames without labels: the label space is the model's classes, not the dataset's. */
  labelFree?: boolean;
  configFile?: string;
}): Promise<OnnxEvaluation> {
  const { run, config, dataset } = options;
  const runtime = options.runtime ?? pluginRegistry(run).create(run, 'runtime', config.runtime, entryLocation('runtime', options.configFile));
  const segmenter = await createSegmenter({ model: options.model, runtime });
  run.register(TOKENS.labelSpace, { useValue: options.labelFree ? labelFreeSpace(segmenter) : evaluationLabelSpace(dataset, segmenter.voidClass) });
  let flow: FlowEstimator | undefined;
  const times: number[] = [];
  let timestamp = 0;
  try {
    const plugins = createEvaluationPlugins(run, config, options.configFile);
    flow = plugins.flow;
    const result = await evaluateSequences({
      dataset,
      metrics: plugins.metrics,
      ...(flow ? { flow } : {}),
      progress: run.resolve(TOKENS.progress),
      predict: async (frame) => {
        const started = performance.now();
        const { labels } = await segmentAtModelSize(segmenter, frame.image, (timestamp += 1), config.eval.inputSize ? { size: config.eval.inputSize } : {});
        times.push(performance.now() - started);
        const target = frame.label ?? frame.image;
        return resizeLabelsNearest(labels, target.height, target.width);
      },
    });
    times.sort((a, b) => a - b);
    return { result, medianMs: times[Math.floor(times.length / 2)] ?? Number.NaN, runtime: segmenter.runtime, flow: flow?.cacheKey };
  } finally {
    flow?.dispose?.();
    await segmenter.close();
  }
}
