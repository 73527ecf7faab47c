/**
 * Runs asynchronous writes one after another in call order, from synchronous event listeners;
 * `flush()` waits for all of them and rethrows the first failure.
 */
export class SerialWriter {
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown;

  /** Queues `write` after the writes queued before it. */
  push(write: () => Promise<void>): void {
    this.chain = this.chain.then(write).catch((error: unknown) => {
      this.failure ??= error;
    });
  }

  /** Waits for every queued write. */
  async flush(): Promise<void> {
    await this.chain;
    if (this.failure !== undefined) throw this.failure;
  }
}
