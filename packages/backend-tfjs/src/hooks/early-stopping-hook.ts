import type { EvaluationResult, TrainingHook, TrainingRunView } from '@vidseg/core';
import { z } from 'zod';

/** Options of the `early-stopping` hook. */
export const earlyStoppingOptionsSchema = z.strictObject({
  metric: z.string().default('miou').describe('evaluation value to watch, e.g. miou, tc, vc2'),
  patience: z.number().int().positive().default(3).describe('evaluations without improvement before the run stops'),
  minDelta: z.number().min(0).default(0).describe('smallest rise that counts as an improvement'),
});

/** The validated options of the `early-stopping` hook. */
export type EarlyStoppingOptions = z.output<typeof earlyStoppingOptionsSchema>;

/**
 * Stops the run (with a checkpoint, like Ctrl-C) when an evaluation value has not risen by more
 * than `minDelta` over its best for `patience` evaluations in a row. Needs `train.evalEvery` > 0.
 */
export class EarlyStoppingHook implements TrainingHook {
  readonly name = 'early-stopping';
  private best = -Infinity;
  private stale = 0;

  constructor(private readonly options: EarlyStoppingOptions) {}

  afterEvaluation(run: TrainingRunView, result: EvaluationResult): void {
    const value = result.values[this.options.metric];
    if (value === undefined) {
      run.progress.warn(`early-stopping: the evaluation has no "${this.options.metric}" (values: ${Object.keys(result.values).join(', ')}); not stopping`);
      return;
    }
    if (value > this.best + this.options.minDelta) {
      this.best = value;
      this.stale = 0;
      return;
    }
    this.stale++;
    if (this.stale >= this.options.patience && !run.stopRequested) {
      run.progress.log(`early-stopping: ${this.options.metric} has not risen above ${this.best.toFixed(4)} for ${this.stale} evaluations; stopping at step ${run.step}`);
      run.stop();
    }
  }
}
