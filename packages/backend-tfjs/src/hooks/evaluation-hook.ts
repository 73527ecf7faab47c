import type { StepReport, TrainingHook, TrainingRunView } from '@vidseg/core';

/** Evaluates every `train.evalEvery` steps (0: never; not at the last step) and once at the end of a run that was not stopped. */
export const evaluationHook: TrainingHook = {
  name: 'evaluation',
  async afterStep(run: TrainingRunView, report: StepReport) {
    const { evalEvery, steps } = run.config.train;
    if (evalEvery > 0 && report.step % evalEvery === 0 && report.step < steps) await run.evaluate();
  },
  async afterRun(run: TrainingRunView, { stopped }: { readonly stopped: boolean }) {
    if (!stopped) await run.evaluate();
  },
};
