import type { ProgressTask, StepReport, TrainingHook, TrainingRunView } from '@vidseg/core';

/** The `train` progress task: one unit a step, loss and learning rate every `train.logEvery` steps. */
export class ProgressHook implements TrainingHook {
  readonly name = 'progress';
  private task: ProgressTask | undefined;
  private lastLoss: number | undefined;

  beforeRun(run: TrainingRunView): void {
    this.task = run.progress.start('train', run.config.train.steps, 'steps');
    this.lastLoss = undefined;
    if (run.step > 0) this.task.advance(run.step);
  }

  afterStep(run: TrainingRunView, report: StepReport): void {
    const info = report.step % run.config.train.logEvery === 0 ? { loss: Number(report.loss.toFixed(4)), lr: Number(report.lr.toPrecision(3)) } : undefined;
    this.lastLoss = report.loss;
    this.task?.advance(1, info);
  }

  afterRun(run: TrainingRunView): void {
    this.task?.done(`${run.step} steps${this.lastLoss === undefined ? '' : `, last loss ${this.lastLoss.toFixed(4)}`}`);
  }
}
