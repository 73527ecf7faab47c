import type { Uninterruptible } from '@vidseg/backend-tfjs';

/**
 * Ctrl-C for the `vidseg` process. The first press resolves {@link interrupted} (training stops
 * after the current step and writes a checkpoint); a second press exits at once with 130, except
 * while work wrapped in {@link uninterruptible} (a checkpoint write) runs: then the process exits
 * as soon as that work ends, so the checkpoint is never lost half-written.
 */
export class InterruptGuard {
  readonly interrupted: Promise<void>;
  private presses = 0;
  private running = 0;
  private exitWhenDone = false;
  private resolveInterrupted!: () => void;

  constructor(
    private readonly exit: (code: number) => void,
    private readonly err: { write(text: string): unknown },
  ) {
    this.interrupted = new Promise((resolve) => (this.resolveInterrupted = resolve));
  }

  /** Handles one Ctrl-C press. */
  press(): void {
    this.presses++;
    if (this.presses === 1) {
      this.err.write('\ninterrupted: finishing the current step and saving (Ctrl-C again to quit now)\n');
      this.resolveInterrupted();
    } else if (this.running > 0) {
      this.exitWhenDone = true;
      this.err.write('\ninterrupted again: quitting as soon as the checkpoint being written is complete\n');
    } else this.exit(130);
  }

  /** Runs `work`; a second Ctrl-C meanwhile waits for it to end. */
  readonly uninterruptible: Uninterruptible = async (work) => {
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      if (this.running === 0 && this.exitWhenDone) this.exit(130);
    }
  };
}
