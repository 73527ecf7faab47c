import { describe, expect, it } from 'vitest';
import { DataError, UsageError } from '../errors/vidseg-error.js';
import { SeededRandom } from './seeded-random.js';

describe('SeededRandom', () => {
  it('gives the same sequence for the same seed and different ones for different seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, (_, __, r = new SeededRandom(seed)) => r.next());
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const first = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(first);
    expect([c.next(), c.next(), c.next()]).not.toEqual(first);
    expect(draw(1)).toHaveLength(5);
  });

  it('continues exactly from a saved state', () => {
    const a = new SeededRandom(5);
    for (let i = 0; i < 10; i++) a.next();
    const resumed = SeededRandom.fromState(a.getState());
    expect(Array.from({ length: 4 }, () => resumed.nextUint32())).toEqual(Array.from({ length: 4 }, () => a.nextUint32()));
    expect(() => SeededRandom.fromState([1, 2, 3])).toThrow(DataError);
    expect(() => SeededRandom.fromState([1, 2, 3])).toThrow('SeededRandom.fromState: a random state is 4 unsigned 32-bit integers, got [1, 2, 3]');
    expect(() => a.pick([])).toThrow(UsageError);
  });

  it('draws uniform floats in [0, 1) with a plausible mean, and normals with unit variance', () => {
    const r = new SeededRandom(9);
    let sum = 0;
    let squares = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
      const g = r.normal();
      squares += g * g;
    }
    expect(sum / n).toBeCloseTo(0.5, 1);
    expect(squares / n).toBeCloseTo(1, 1);
  });
});
