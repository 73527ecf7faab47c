/**
 * Produces items 0, 1, 2, ... ahead of the consumer: up to `depth` items are being produced (or
 * wait, finished) beyond the one being consumed, so the next item is usually ready when asked for.
 * Production runs on the same thread: it advances whenever the consumer awaits (e.g. while image
 * decoding runs on libuv's pool, or between training steps).
 */
export class PrefetchQueue<T> {
  private readonly pending: Promise<T>[] = [];
  private nextIndex: number;
  private closed = false;

  constructor(
    private readonly produce: (index: number) => Promise<T>,
    private readonly depth: number,
    start = 0,
  ) {
    if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`prefetch depth must be a positive integer, got ${depth}`);
    this.nextIndex = start;
    this.fill();
  }

  /** Number of items started and not yet taken. */
  get ready(): number {
    return this.pending.length;
  }

  /** The next item in order; rejects with the error its production raised. */
  next(): Promise<T> {
    if (this.closed) return Promise.reject(new Error('prefetch queue is closed'));
    const item = this.pending.shift()!;
    this.fill();
    return item;
  }

  /** Stops producing; items already started finish but are dropped. */
  close(): void {
    this.closed = true;
    for (const item of this.pending.splice(0)) item.catch(() => undefined);
  }

  private fill(): void {
    while (!this.closed && this.pending.length < this.depth) {
      const item = this.produce(this.nextIndex++);
      // Keep an unconsumed failure from surfacing as an unhandled rejection; next() still rejects.
      item.catch(() => undefined);
      this.pending.push(item);
    }
  }
}
