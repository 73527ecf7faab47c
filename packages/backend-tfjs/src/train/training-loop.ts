import type { EvaluationResult, ProgressReporter, StepReport, TrainingHook, TrainingRunView, TrainingSummary, VidsegConfig } from '@vidseg/core';
import type { CheckpointContent } from '../checkpoint/checkpoint-store.js';
import type { RunCheckpoints } from './run-checkpoints.js';
import type { RunEvaluation } from './run-evaluation.js';
import type { TrainStep } from './train-step.js';

/** What a {@link TrainingLoop} runs; built by {@link buildTrainingRun}. */
export interface TrainingLoopParts {
  readonly config: VidsegConfig;
  readonly progress: ProgressReporter;
  readonly trainStep: TrainStep;
  /** Hooks in calling order. */
  readonly hooks: readonly TrainingHook[];
  readonly evaluation?: RunEvaluation;
  readonly checkpoints?: RunCheckpoints;
  /** The training state to checkpoint after `step` steps, with `seconds` of training so far. */
  readonly stateContent: (step: number, seconds: number) => Promise<CheckpointContent>;
  /** Steps done before this process (restored on resume). */
  readonly startStep: number;
  /** Training seconds of the earlier segments of a resumed run. */
  readonly earlierSeconds: number;
}

/** Lets timers, I/O and signal handlers run: a SIGINT flag set by the CLI is seen at the next step boundary. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The training loop: steps until `train.steps` or {@link stop}, calling the hooks before and after
 * each step, after each evaluation and checkpoint, and at the end (see {@link TrainingHook}).
 * Checkpoints, evaluation, progress and stop-on-signal are hooks; the step itself is {@link TrainStep}.
 */
export class TrainingLoop implements TrainingRunView {
  private stepsDone: number;
  private stopAsked = false;
  private readonly started = performance.now();
  private lastEvaluation: EvaluationResult | undefined;

  constructor(private readonly parts: TrainingLoopParts) {
    this.stepsDone = parts.startStep;
  }

  get config(): VidsegConfig {
    return this.parts.config;
  }

  get progress(): ProgressReporter {
    return this.parts.progress;
  }

  get step(): number {
    return this.stepsDone;
  }

  get stopRequested(): boolean {
    return this.stopAsked;
  }

  /** Training seconds so far, the earlier segments of a resumed run included. */
  get seconds(): number {
    return this.parts.earlierSeconds + (performance.now() - this.started) / 1000;
  }

  stop(): void {
    this.stopAsked = true;
  }

  /** Runs until `train.steps` or {@link stop}; the summary of the run. */
  async run(): Promise<TrainingSummary> {
    const { steps } = this.parts.config.train;
    this.stopAsked = false;
    this.lastEvaluation = undefined;
    let lastStep: StepReport | undefined;
    await this.callHooks((hook) => hook.beforeRun?.(this));
    while (this.stepsDone < steps && !this.stopAsked) {
      await this.callHooks((hook) => hook.beforeStep?.(this));
      const report = await this.trainStep();
      lastStep = report;
      await this.callHooks((hook) => hook.afterStep?.(this, report));
      await yieldToEventLoop();
    }
    const stopped = this.stepsDone < steps;
    await this.callHooks((hook) => hook.afterRun?.(this, { stopped }));
    const checkpoint = this.parts.checkpoints?.last;
    return {
      steps: this.stepsDone,
      stopped,
      seconds: this.seconds,
      ...(lastStep ? { lastStep } : {}),
      ...(checkpoint ? { checkpoint } : {}),
      ...(this.lastEvaluation ? { evaluation: this.lastEvaluation } : {}),
    };
  }

  /** One optimiser step, without hooks (e.g. to measure its time). */
  async trainStep(): Promise<StepReport> {
    const report = await this.parts.trainStep.run(this.stepsDone);
    this.stepsDone = report.step;
    return report;
  }

  async evaluate(): Promise<EvaluationResult | undefined> {
    if (!this.parts.evaluation) return undefined;
    const result = await this.parts.evaluation.run();
    this.lastEvaluation = result;
    await this.callHooks((hook) => hook.afterEvaluation?.(this, result));
    return result;
  }

  async saveCheckpoint(): Promise<string | undefined> {
    const { checkpoints } = this.parts;
    if (!checkpoints) return undefined;
    const step = this.stepsDone;
    const folder = await checkpoints.save(step, () => this.parts.stateContent(step, this.seconds));
    if (folder) await this.callHooks((hook) => hook.afterCheckpoint?.(this, folder));
    return checkpoints.last;
  }

  private async callHooks(call: (hook: TrainingHook) => Promise<void> | void): Promise<void> {
    for (const hook of this.parts.hooks) await call(hook);
  }
}
