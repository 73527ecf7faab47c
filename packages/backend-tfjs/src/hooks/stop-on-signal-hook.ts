import type { TrainingHook, TrainingRunView } from '@vidseg/core';

/**
 * Stops the run at the next step boundary once `signal` settles (the CLI resolves it on Ctrl-C;
 * the loop yields to the event loop after every step, so the signal handler gets to run); the
 * checkpoint hook then writes the checkpoint of the last finished step.
 */
export class StopOnSignalHook implements TrainingHook {
  readonly name = 'stop-on-signal';

  constructor(private readonly signal: Promise<void>) {}

  beforeRun(run: TrainingRunView): void {
    void this.signal.then(() => run.stop());
  }
}
