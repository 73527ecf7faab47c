import type { TrainingHook } from '@vidseg/core';
import type { RunFolder } from './run-folder.js';

/** Appends a run's steps, evaluations and checkpoints to its `log.jsonl`. */
export function runLogHook(folder: RunFolder): TrainingHook {
  return {
    name: 'run-log',
    afterStep: (_, report) => folder.log({ event: 'step', ...report }),
    afterEvaluation: (run, result) => folder.log({ event: 'evaluation', step: run.step, values: result.values }),
    afterCheckpoint: (run, path) => folder.log({ event: 'checkpoint', step: run.step, path }),
  };
}
