import type { LossTerm } from './loss-term.js';
import type { Teacher } from './teacher.js';
import type { ProgressReporter } from './progress-reporter.js';
import type { ClipSample } from './clip-dataset.js';

/**
 * A loss term that transfers knowledge from a frozen teacher (pixel-wise, pair-wise-frame,
 * multi-frame distillation). Some strategies must be prepared before training: the multi-frame
 * strategy pre-trains its ConvLSTM on teacher sequences.
 *
 * @typeParam T - the engine's tensor type.
 */
export interface DistillationStrategy<T> extends LossTerm<T> {
  /** Runs once before training; resolves when the strategy is ready to compute. */
  prepare?(context: DistillationPreparation<T>): Promise<void>;
}

/** What a strategy may use to prepare itself. */
export interface DistillationPreparation<T> {
  readonly teacher: Teacher<T>;
  readonly progress: ProgressReporter;
  /** A folder where the strategy may save and reuse what it prepared (e.g. ConvLSTM weights). */
  readonly cacheDir?: string;
  /**
   * A fresh pass over training clips (frames in time order, triplets when the strategy requires
   * them), for strategies that learn from the teacher before training, such as the multi-frame
   * strategy's ConvLSTM. Absent when the trainer has none to give.
   */
  readonly clips?: () => AsyncIterable<ClipSample>;
}
