import type { VidsegConfig } from '../config/config-schema.js';
import type { EvaluationResult } from '../metrics/evaluate-sequences.js';
import type { ProgressReporter } from './progress-reporter.js';

/** What one optimiser step did. */
export interface StepReport {
  /** Steps done after this one (1 after the first step). */
  readonly step: number;
  readonly lr: number;
  /** Weighted total loss, averaged over micro-batches. */
  readonly loss: number;
  /** Unweighted value of each term by config path and name, e.g. `losses[0]:cross-entropy`. */
  readonly terms: Readonly<Record<string, number>>;
  /** Wall time of the step in milliseconds, data loading included. */
  readonly milliseconds: number;
  readonly imagesPerSecond: number;
  /** Engine tensors alive after the step (constant when nothing leaks). */
  readonly liveTensors: number;
  /** Global L2 norm of the gradients before clipping (only with `train.clipGradNorm`). */
  readonly gradientNorm?: number;
}

/** What a training run returns when it ends (finished or stopped). */
export interface TrainingSummary {
  readonly steps: number;
  /** Whether the run was stopped before `train.steps`. */
  readonly stopped: boolean;
  readonly lastStep?: StepReport;
  /** Folder of the last checkpoint written, when the run has a folder. */
  readonly checkpoint?: string;
  readonly evaluation?: EvaluationResult;
  /** Training time in seconds, the earlier segments of a resumed run included. */
  readonly seconds: number;
}

/** The running training loop as its hooks see it. */
export interface TrainingRunView {
  readonly config: VidsegConfig;
  /** Optimiser steps done so far (restored on resume). */
  readonly step: number;
  readonly progress: ProgressReporter;
  /** Whether {@link stop} was asked for. */
  readonly stopRequested: boolean;
  /** Ends the run after the current step (with a checkpoint, when the run has a folder). */
  stop(): void;
  /** Evaluates now on the run's evaluation split (undefined without one); calls `afterEvaluation` hooks. */
  evaluate(): Promise<EvaluationResult | undefined>;
  /** Writes a checkpoint of the current step (once per step; undefined without a run folder); calls `afterCheckpoint` hooks. */
  saveCheckpoint(): Promise<string | undefined>;
}

/**
 * Code that runs at fixed points of a training run: before and after every step, after every
 * evaluation and checkpoint, and at the end of the run. Checkpointing, evaluation, progress and
 * stop-on-signal are hooks; a config adds its own under `hooks:` (the `hook` plugin kind). Hooks
 * run in order (built-in ones first) and are awaited; a hook that throws ends the run with that error.
 */
export interface TrainingHook {
  /** Shown in errors, e.g. `early-stopping`. */
  readonly name: string;
  /** Once, before the first step of this process (a resumed run has `run.step` > 0). */
  beforeRun?(run: TrainingRunView): Promise<void> | void;
  beforeStep?(run: TrainingRunView): Promise<void> | void;
  afterStep?(run: TrainingRunView, report: StepReport): Promise<void> | void;
  afterEvaluation?(run: TrainingRunView, result: EvaluationResult): Promise<void> | void;
  afterCheckpoint?(run: TrainingRunView, path: string): Promise<void> | void;
  /** Once, when the loop ends (`train.steps` reached or stopped), before the summary is returned. */
  afterRun?(run: TrainingRunView, outcome: { readonly stopped: boolean }): Promise<void> | void;
}
