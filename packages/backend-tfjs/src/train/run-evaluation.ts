import { createEvaluationPlugins, evaluationLabelSpace, TOKENS, type ClipDataset, type DependencyContainer, type EvaluationResult, type FlowEstimator, type Metric, type ProgressReporter, type VidsegConfig } from '@vidseg/core';
import { evaluate } from '../eval/evaluate.js';
import type { TfjsNetwork } from '../network/tfjs-network.js';

/** The evaluation of a training run: its split, metrics and flow, built once and reused at every evaluation. */
export class RunEvaluation {
  private constructor(
    private readonly network: TfjsNetwork,
    private readonly dataset: ClipDataset,
    private readonly metrics: readonly Metric[],
    private readonly flow: FlowEstimator | undefined,
    private readonly inputSize: readonly [number, number] | undefined,
    private readonly progress: ProgressReporter,
  ) {}

  /**
   * Builds `config.eval`'s metrics (and the flow of temporal metrics) in a child of `run` that holds
   * the label space of `dataset`, the split being evaluated (the model's trained void class ignored).
   */
  static build(run: DependencyContainer, config: VidsegConfig, network: TfjsNetwork, dataset: ClipDataset, progress: ProgressReporter, configFile?: string): RunEvaluation {
    const scope = run.createChildContainer();
    scope.register(TOKENS.labelSpace, { useValue: evaluationLabelSpace(dataset, network.model.voidClass) });
    const { metrics, flow } = createEvaluationPlugins(scope, config, configFile);
    return new RunEvaluation(network, dataset, metrics, flow, config.eval.inputSize, progress);
  }

  /** Evaluates the network as it is now (eval mode) on the split. */
  run(): Promise<EvaluationResult> {
    return evaluate({
      network: this.network,
      dataset: this.dataset,
      metrics: this.metrics,
      ...(this.flow ? { flow: this.flow } : {}),
      ...(this.inputSize ? { inputSize: this.inputSize } : {}),
      progress: this.progress,
    });
  }

  dispose(): void {
    this.flow?.dispose?.();
  }
}
