import { silentProgress, type EvaluationResult, type TrainingRunView } from '@vidseg/core';
import { describe, expect, it } from 'vitest';
import { EarlyStoppingHook, earlyStoppingOptionsSchema } from './early-stopping-hook.js';

function fakeRun(): TrainingRunView & { stops: number } {
  const run = {
    stops: 0,
    step: 0,
    stopRequested: false,
    progress: silentProgress,
    config: undefined as never,
    stop: () => {
      run.stops++;
      run.stopRequested = true;
    },
    evaluate: async () => undefined,
    saveCheckpoint: async () => undefined,
  };
  return run;
}

const result = (miou: number): EvaluationResult => ({ frames: 1, values: { miou }, metrics: {} });

describe('early-stopping hook', () => {
  it('stops after `patience` evaluations without a rise larger than minDelta, and not before', () => {
    const hook = new EarlyStoppingHook(earlyStoppingOptionsSchema.parse({ patience: 2, minDelta: 0.01 }));
    const run = fakeRun();
    for (const miou of [0.5, 0.6, 0.605, 0.7]) hook.afterEvaluation(run, result(miou));
    expect(run.stops).toBe(0); // 0.605 is within minDelta of 0.6 (one stale evaluation), 0.7 resets
    hook.afterEvaluation(run, result(0.69));
    expect(run.stops).toBe(0);
    hook.afterEvaluation(run, result(0.705));
    expect(run.stops).toBe(1);
  });
});
