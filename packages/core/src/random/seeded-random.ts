import { DataError, UsageError } from '../errors/vidseg-error.js';
import type { RandomSource } from './random-source.js';

/**
 * A seeded pseudo-random generator (sfc32) whose whole state can be saved and restored, so a
 * resumed training run draws exactly the numbers an uninterrupted one would have drawn.
 */
export class SeededRandom implements RandomSource {
  private state: Uint32Array;

  constructor(seed: number) {
    // splitmix32 spreads a small integer seed over the four state words.
    this.state = new Uint32Array(4);
    let s = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.state[i] = (z ^ (z >>> 16)) >>> 0;
    }
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A generator that continues from a state returned by {@link SeededRandom.getState}. */
  static fromState(state: readonly number[]): SeededRandom {
    if (state.length !== 4 || state.some((v) => !Number.isInteger(v) || v < 0 || v > 0xffffffff)) {
      throw new DataError(`SeededRandom.fromState: a random state is 4 unsigned 32-bit integers, got [${state.join(', ')}]`, {
        hint: 'pass what getState() returned; a saved training state holding anything else is damaged',
      });
    }
    const random = new SeededRandom(0);
    random.state = Uint32Array.from(state);
    return random;
  }

  /** The full state, as four unsigned 32-bit integers. */
  getState(): number[] {
    return Array.from(this.state);
  }

  /** An unsigned 32-bit integer. */
  nextUint32(): number {
    const s = this.state;
    const t = (((s[0]! + s[1]!) >>> 0) + s[3]!) >>> 0;
    s[3] = (s[3]! + 1) >>> 0;
    s[0] = s[1]! ^ (s[1]! >>> 9);
    s[1] = (s[2]! + (s[2]! << 3)) >>> 0;
    s[2] = ((s[2]! << 21) | (s[2]! >>> 11)) >>> 0;
    s[2] = (s[2]! + t) >>> 0;
    return t;
  }

  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A float in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** A standard normal sample (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** An element of `items`, chosen uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new UsageError('SeededRandom.pick: cannot pick from an empty list');
    return items[this.int(items.length)]!;
  }

  /** A new generator seeded from this one, for an independent stream (e.g. one per worker). */
  fork(): SeededRandom {
    return new SeededRandom(this.nextUint32());
  }
}
