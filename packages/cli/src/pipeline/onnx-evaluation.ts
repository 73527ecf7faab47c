import {
  createEvaluationPlugins,
  evaluateSequences,
  pluginRegistry,
  resizeImageBilinear,
  resizeLabelsNearest,
  TOKENS,
  type ClipDataset,
  type DependencyContainer,
  type EvaluationResult,
  type VidsegConfig,
} from '@vidseg/core';
import { createSegmenter, type RuntimeChoice } from '@vidseg/backend-ort';

/** An evaluation through ONNX Runtime, with the time the model took per frame. */
export interface OnnxEvaluation {
  readonly result: EvaluationResult;
  /** Median wall time of one `segment` call (preprocessing, session.run, argmax), milliseconds. */
  readonly medianMs: number;
  readonly runtime: string;
  /** The flow estimator that made the flows of temporal metrics, for reports. */
  readonly flow: string | undefined;
}

/**
 * Evaluates an exported model (file path or bytes) on `dataset` with the config's `eval` metrics
 * and flow: frames go through the per-frame segmenter exactly as in deployment, resized to
 * `eval.inputSize` when set, and predictions are compared at the label maps' size.
 */
export async function evaluateOnnx(options: {
  run: DependencyContainer;
  config: VidsegConfig;
  dataset: ClipDataset;
  model: string | Uint8Array;
  /** The runtime (default: the config's `runtime`). */
  runtime?: RuntimeChoice;
  configFile?: string;
}): Promise<OnnxEvaluation> {
  const { run, config, dataset } = options;
  run.register(TOKENS.labelSpace, { useValue: { classes: dataset.classes, ignoreLabel: dataset.ignoreLabel } });
  const { metrics, flow } = createEvaluationPlugins(run, config, options.configFile);
  const runtime = options.runtime ?? pluginRegistry(run).create(run, 'runtime', config.runtime, { path: 'runtime', ...(options.configFile ? { file: options.configFile } : {}) });
  const segmenter = await createSegmenter({ model: options.model, runtime });
  const times: number[] = [];
  let timestamp = 0;
  try {
    const result = await evaluateSequences({
      dataset,
      metrics,
      ...(flow ? { flow } : {}),
      progress: run.resolve(TOKENS.progress),
      predict: async (frame) => {
        const size = config.eval.inputSize;
        const image = size ? resizeImageBilinear(frame.image, size[0], size[1]) : frame.image;
        const started = performance.now();
        const { labels } = await segmenter.segment(image, (timestamp += 1));
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
