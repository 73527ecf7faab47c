import type { StepReport, TrainingHook, TrainingRunView } from '@vidseg/core';

/** Writes a checkpoint every `train.checkpointEvery` steps (0: never) and at the end of the run, stopped or not. */
export const checkpointHook: TrainingHook = {
  name: 'checkpoint',
  async afterStep(run: TrainingRunView, report: StepReport) {
    const every = run.config.train.checkpointEvery;
    if (every > 0 && report.step % every === 0) await run.saveCheckpoint();
  },
  async afterRun(run: TrainingRunView) {
    await run.saveCheckpoint();
  },
};
