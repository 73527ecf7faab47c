import { SeededRandom, type ClipSample, type ClipSampler } from '@vidseg/core';
import { EpochOrder, type EpochOrderState } from './epoch-order.js';

/** Where a {@link ClipFeed} stands after the micro-batches it has handed out (saved in checkpoints). */
export interface ClipFeedState {
  /** State of the random stream that draws the clip order and every clip's augmentation. */
  readonly random: readonly number[];
  readonly order: EpochOrderState;
}

/** A micro-batch being drawn, with the feed's state from just before its first draw. */
interface Draw {
  readonly before: ClipFeedState;
  readonly clips: Promise<ClipSample[]>;
}

/**
 * The trainer's clip source, and the one place that looks ahead: micro-batches of `batchSize`
 * clips, each clip drawn from the sampler at the next position of a seeded shuffle (one per epoch)
 * with a single random stream that also drives the sampler's augmentation. Asked to, it starts
 * drawing the next micro-batch (one, no more) at once, on the same thread: its work up to the first
 * wait runs before the caller's step goes on, what it waits for (image decoding on libuv's pool)
 * proceeds while the step computes, and the rest runs whenever the step waits (e.g. a GPU read).
 *
 * Exactness: the look-ahead starts only once the micro-batch handed out is complete, so the stream
 * is consumed in exactly the order of drawing one clip after another; {@link state} is the state
 * after the micro-batches handed out, not after the look-ahead, so a checkpoint continues exactly
 * what an uninterrupted run would draw. A failed draw (e.g. a DataError for an unreadable image)
 * rejects the {@link next} call that asks for that micro-batch, never earlier and never unhandled.
 */
export class ClipFeed {
  private random: SeededRandom;
  private order: EpochOrder;
  private ahead: Draw | undefined;

  /** `onClose` releases what the sampler holds (e.g. its flow estimator) when the feed closes. */
  constructor(
    private readonly sampler: ClipSampler,
    private readonly batchSize: number,
    seed: number,
    private readonly onClose?: () => void,
  ) {
    this.random = new SeededRandom(seed);
    this.order = new EpochOrder(sampler.size);
  }

  /**
   * The next micro-batch; with `lookAhead`, the one after it starts drawing as soon as this one is
   * complete. Rejects with the error of drawing this micro-batch.
   */
  async next(lookAhead: boolean): Promise<ClipSample[]> {
    const draw = this.ahead ?? this.draw();
    this.ahead = undefined;
    const clips = await draw.clips;
    if (lookAhead) this.ahead = this.draw();
    return clips;
  }

  /** The state after the micro-batches handed out so far (a look-ahead in flight is not counted). */
  get state(): ClipFeedState {
    return this.ahead?.before ?? this.snapshot();
  }

  /** Continues from a saved {@link state}; a look-ahead in flight is dropped. */
  restore(state: ClipFeedState): void {
    this.ahead = undefined;
    // Fresh objects: a dropped look-ahead still holds (and advances) the old ones.
    this.random = SeededRandom.fromState(state.random);
    this.order = new EpochOrder(this.sampler.size);
    this.order.setState(state.order);
  }

  /** Waits for the look-ahead in flight, if any, and drops it (its failure included); then runs `onClose`. */
  async close(): Promise<void> {
    const draw = this.ahead;
    this.ahead = undefined;
    await draw?.clips.catch(() => undefined);
    this.onClose?.();
  }

  private snapshot(): ClipFeedState {
    return { random: this.random.getState(), order: this.order.getState() };
  }

  private draw(): Draw {
    const before = this.snapshot();
    const clips = this.drawClips(this.random, this.order);
    // A look-ahead that fails is reported by the next() that takes it; never as an unhandled rejection.
    clips.catch(() => undefined);
    return { before, clips };
  }

  private async drawClips(random: SeededRandom, order: EpochOrder): Promise<ClipSample[]> {
    const clips: ClipSample[] = [];
    for (let i = 0; i < this.batchSize; i++) clips.push(await this.sampler.sample(order.next(random), random));
    return clips;
  }
}
