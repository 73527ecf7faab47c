import { DataError, SeededRandom, type ClipSample, type ClipSampler, type RandomSource } from '@vidseg/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClipFeed, type ClipFeedState } from './clip-feed.js';
import { EpochOrder } from './epoch-order.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Draws from the random stream on both sides of an asynchronous wait (like a sampler that decodes
 * an image, then augments it), so two draws that overlap would interleave and change the clips.
 * Records every call, and fails the calls listed in `failAt` (counted from 0).
 */
class RecordingSampler implements ClipSampler {
  readonly calls: number[] = [];

  constructor(
    readonly size: number,
    private readonly failAt = new Map<number, Error>(),
  ) {}

  async sample(position: number, random: RandomSource): Promise<ClipSample> {
    const call = this.calls.push(position) - 1;
    const before = Math.floor(random.next() * 1000);
    await tick();
    const failure = this.failAt.get(call);
    if (failure) throw failure;
    const after = Math.floor(random.next() * 1000);
    const data = Uint8Array.of(position, before % 256, after % 256);
    return { frames: [{ id: `p${position}:${before}:${after}`, image: { width: 1, height: 1, channels: 3, data } }], target: 0 };
  }
}

const ids = (clips: readonly ClipSample[]) => clips.map((c) => c.frames[0]!.id);

/** The trainer's draws before look-ahead existed: one clip after another from one stream. */
async function sequentialReference(sampler: ClipSampler, batchSize: number, batches: number, seed: number) {
  const random = new SeededRandom(seed);
  const order = new EpochOrder(sampler.size);
  const out: { ids: string[]; state: ClipFeedState }[] = [];
  for (let b = 0; b < batches; b++) {
    const clips: ClipSample[] = [];
    for (let i = 0; i < batchSize; i++) clips.push(await sampler.sample(order.next(random), random));
    out.push({ ids: ids(clips), state: { random: random.getState(), order: order.getState() } });
  }
  return out;
}

describe('ClipFeed', () => {
  const unhandled: unknown[] = [];
  const listener = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', listener);
  });
  afterEach(() => {
    process.off('unhandledRejection', listener);
  });

  it('looks ahead one micro-batch and yields exactly the clips and states of sequential drawing', async () => {
    // 7 batches of 3 over 5 positions cross four epoch boundaries (a fresh shuffle each).
    const reference = await sequentialReference(new RecordingSampler(5), 3, 7, 11);
    const sampler = new RecordingSampler(5);
    const feed = new ClipFeed(sampler, 3, 11);
    for (let b = 0; b < 7; b++) {
      const clips = await feed.next(true);
      expect(ids(clips)).toEqual(reference[b]!.ids);
      // The checkpointed state is that after the batches handed out, whatever the look-ahead drew.
      expect(feed.state).toEqual(reference[b]!.state);
      // While the caller's step works, the next batch is drawn (3 more sampler calls), no further.
      for (let t = 0; t < 10; t++) await tick();
      expect(sampler.calls.length).toBe(3 * (b + 2));
      expect(feed.state).toEqual(reference[b]!.state);
    }
    await feed.close();
    // Without look-ahead the feed draws only on demand, and the same clips.
    const plain = new RecordingSampler(5);
    const onDemand = new ClipFeed(plain, 3, 11);
    for (let b = 0; b < 7; b++) expect(ids(await onDemand.next(false))).toEqual(reference[b]!.ids);
    expect(plain.calls.length).toBe(21);
  });

  it('resumes from a saved state mid-epoch to the clips an uninterrupted feed draws', async () => {
    const reference = await sequentialReference(new RecordingSampler(5), 2, 6, 3);
    const first = new ClipFeed(new RecordingSampler(5), 2, 3);
    for (let b = 0; b < 3; b++) await first.next(true);
    const saved = JSON.parse(JSON.stringify(first.state)) as ClipFeedState;
    await first.close();
    const resumed = new ClipFeed(new RecordingSampler(5), 2, 99);
    await resumed.next(true); // a look-ahead in flight is dropped by restore
    resumed.restore(saved);
    for (let b = 3; b < 6; b++) expect(ids(await resumed.next(true))).toEqual(reference[b]!.ids);
    await resumed.close();
  });

  it('reports a failed look-ahead at the next() that needs it, as the same error, never unhandled', async () => {
    const bad = new DataError('cannot decode /data/f4.png: truncated PNG');
    // Call 4 is the second clip of the second batch of 3.
    const feed = new ClipFeed(new RecordingSampler(5, new Map([[4, bad]])), 3, 0);
    expect(await feed.next(true)).toHaveLength(3);
    for (let t = 0; t < 10; t++) await tick(); // the look-ahead fails meanwhile
    await expect(feed.next(true)).rejects.toBe(bad);
    // A failing look-ahead that nobody takes is dropped quietly on close.
    const dropped = new ClipFeed(new RecordingSampler(5, new Map([[3, bad]])), 3, 0);
    await dropped.next(true);
    await dropped.close();
    for (let t = 0; t < 10; t++) await tick();
    expect(unhandled).toEqual([]);
  });
});
