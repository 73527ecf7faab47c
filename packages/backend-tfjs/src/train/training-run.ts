import type { ClipSampler, EvaluationResult, SkippedInput, StepReport, TrainingSummary, VidsegConfig } from '@vidseg/core';
import type { TfjsTrainingBackend } from '../backend/tfjs-training-backend.js';
import type { TfjsNetwork } from '../network/tfjs-network.js';
import type { TrainingLoop } from './training-loop.js';

/**
 * A built training run: SGD with momentum and weight decay on the weighted loss terms, poly
 * learning rate with warm-up, per-parameter multipliers, gradient accumulation, and the hooks
 * (checkpoints, evaluation, progress, the config's own). Deterministic for a given config, seed and
 * backend: the clip order, augmentation and dropout draw from seeded streams saved in checkpoints,
 * so a resumed run continues exactly.
 */
export class TrainingRun {
  constructor(
    /** The config as run: median-frequency class weights replaced by the computed numbers. */
    readonly config: VidsegConfig,
    /** The student being trained. */
    readonly network: TfjsNetwork,
    /** The engine the student trains on. */
    readonly backend: TfjsTrainingBackend,
    private readonly loop: TrainingLoop,
    private readonly release: () => Promise<void>,
    private readonly sampler: ClipSampler,
  ) {}

  /** Training frames left out so far because they could not be read (the dataset's `onBadInput: skip`). */
  get skippedInputs(): readonly SkippedInput[] {
    return this.sampler.skipped ?? [];
  }

  /** Optimiser steps done so far (restored on resume). */
  get step(): number {
    return this.loop.step;
  }

  /** Training seconds so far, the earlier segments of a resumed run included. */
  get seconds(): number {
    return this.loop.seconds;
  }

  /** Runs until `train.steps` or {@link stop}, calling the hooks. */
  run(): Promise<TrainingSummary> {
    return this.loop.run();
  }

  /** One optimiser step without hooks (e.g. to measure its time). */
  trainStep(): Promise<StepReport> {
    return this.loop.trainStep();
  }

  /** Ends {@link run} after the current step (then a checkpoint is written). */
  stop(): void {
    this.loop.stop();
  }

  /** Evaluates now on `data.val` (undefined without it). */
  evaluate(): Promise<EvaluationResult | undefined> {
    return this.loop.evaluate();
  }

  /** Frees the network, optimiser state, loss terms, flow and teacher, after the clip look-ahead in flight ends. */
  dispose(): Promise<void> {
    return this.release();
  }
}
