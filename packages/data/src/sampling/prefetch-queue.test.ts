import { describe, expect, it } from 'vitest';
import { PrefetchQueue } from './prefetch-queue.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PrefetchQueue', () => {
  it('starts `depth` items ahead and hands them out in order', async () => {
    const started: number[] = [];
    const queue = new PrefetchQueue(async (i) => {
      started.push(i);
      await tick();
      return i * 10;
    }, 3);
    expect(started).toEqual([0, 1, 2]);
    expect(await queue.next()).toBe(0);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(queue.ready).toBe(3);
    expect([await queue.next(), await queue.next()]).toEqual([10, 20]);
    queue.close();
    await expect(queue.next()).rejects.toThrow(/closed/);
  });

  it('has the next item finished while the consumer works on the current one', async () => {
    let finished = 0;
    const queue = new PrefetchQueue(async (i) => {
      await tick();
      finished++;
      return i;
    }, 1);
    await queue.next();
    await tick(); // the consumer's own asynchronous work (a training step awaiting its data)
    await tick();
    expect(finished).toBe(2);
  });

  it('rejects next() with the error of that item only, and starts at a given index', async () => {
    const queue = new PrefetchQueue(async (i) => {
      if (i === 6) throw new Error('bad item 6');
      return i;
    }, 2, 5);
    expect(await queue.next()).toBe(5);
    await expect(queue.next()).rejects.toThrow('bad item 6');
    expect(await queue.next()).toBe(7);
    expect(() => new PrefetchQueue(async () => 0, 0)).toThrow(/positive integer/);
  });
});
