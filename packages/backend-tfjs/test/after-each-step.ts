import type { StepReport, TrainingHook, TrainingRunView } from '@vidseg/core';

/** A hook that calls `listener` after every step (tests and benchmarks record the step reports with it). */
export function afterEachStep(listener: (report: StepReport, run: TrainingRunView) => void): TrainingHook {
  return { name: 'after-each-step', afterStep: (run, report) => listener(report, run) };
}
