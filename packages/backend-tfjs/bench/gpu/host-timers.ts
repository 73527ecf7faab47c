// Host (JavaScript-thread) time spent inside chosen methods of the WebGPU backend and of Dawn's
// device and queue, to split a step's host time (what the CPU does to enqueue GPU work).
type Method = (...args: unknown[]) => unknown;

/** Cumulative ms and calls per wrapped method; {@link restore} unwraps them. */
export class HostTimers {
  readonly totals = new Map<string, { ms: number; calls: number }>();
  private readonly undo: (() => void)[] = [];

  /** Wraps `names` of `target` (own or inherited methods), labelled `label.name`. */
  wrap(label: string, target: object | undefined, names: readonly string[]): void {
    if (!target) return;
    const object = target as Record<string, Method>;
    for (const name of names) {
      const original = object[name];
      if (typeof original !== 'function') continue;
      const key = `${label}.${name}`;
      const totals = this.totals;
      object[name] = function (this: unknown, ...args: unknown[]) {
        const start = performance.now();
        try {
          return original.apply(this, args);
        } finally {
          const entry = totals.get(key) ?? { ms: 0, calls: 0 };
          entry.ms += performance.now() - start;
          entry.calls++;
          totals.set(key, entry);
        }
      };
      this.undo.push(() => (object[name] = original));
    }
  }

  reset(): void {
    this.totals.clear();
  }

  restore(): void {
    this.undo.reverse().forEach((undo) => undo());
    this.undo.length = 0;
  }
}
