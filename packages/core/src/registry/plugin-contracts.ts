import type { ClipDataset } from '../contracts/clip-dataset.js';
import type { DistillationStrategy } from '../contracts/distillation-strategy.js';
import type { FlowEstimator } from '../contracts/flow-estimator.js';
import type { InferenceRuntime } from '../contracts/inference-runtime.js';
import type { LossTerm } from '../contracts/loss-term.js';
import type { Metric } from '../contracts/metric.js';
import type { ModelHandle } from '../contracts/model-handle.js';
import type { Teacher } from '../contracts/teacher.js';
import type { TrainingBackendRequest } from '../contracts/training-backend.js';
import type { TrainingHook } from '../contracts/training-hook.js';

/**
 * The contract every plugin kind implements: what `registry.create(container, kind, ...)` returns
 * and what a registration of that kind must build. Tensor types stay open (`unknown`): an engine
 * narrows a `LossTerm<unknown>` to its own tensor type at the one place it builds its terms.
 */
export interface PluginContracts {
  model: ModelHandle;
  loss: LossTerm<unknown>;
  distiller: DistillationStrategy<unknown>;
  teacher: Teacher<unknown>;
  flow: FlowEstimator;
  dataset: ClipDataset;
  backend: TrainingBackendRequest;
  runtime: InferenceRuntime;
  metric: Metric;
  hook: TrainingHook;
}
