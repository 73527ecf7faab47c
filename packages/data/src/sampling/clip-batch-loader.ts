import { DataError, SeededRandom, silentProgress, type ClipSample, type ClipSampler, type ProgressReporter } from '@vidseg/core';
import { hash3 } from '../random/hash.js';
import { PrefetchQueue } from './prefetch-queue.js';

const SAMPLE_SALT = 0x5a3b1e;
const ORDER_SALT = 0x0d3e12;

/** Options of {@link ClipBatchLoader}. */
export interface ClipBatchLoaderOptions {
  readonly batchSize: number;
  /** Batches prepared ahead of the one being consumed (default 2). */
  readonly prefetch?: number;
  /** Seed of the order and of every sample's random draws. */
  readonly seed: number;
  /** Batch index to start at (to resume a run: the same seed and step give the same batches). */
  readonly startBatch?: number;
  /** 'error' (default) stops at the first bad sample; 'skip' warns, counts it and draws another. */
  readonly onBadInput?: 'error' | 'skip';
  /** Most skipped samples tolerated before giving up (default 100). */
  readonly maxSkips?: number;
}

/** One skipped sample, as reported. */
export interface SkippedSample {
  readonly position: number;
  readonly reason: string;
}

/**
 * Endless stream of training batches: the sampler's positions in a fresh seeded permutation each
 * epoch, every sample drawn with its own random stream derived from (seed, batch, slot) so a
 * resumed run sees exactly the batches an uninterrupted one would. Batches are prefetched.
 */
export class ClipBatchLoader {
  private readonly queue: PrefetchQueue<ClipSample[]>;
  private readonly permutations = new Map<number, Uint32Array>();
  private readonly skips: SkippedSample[] = [];
  private readonly options: Required<ClipBatchLoaderOptions>;

  constructor(
    private readonly sampler: ClipSampler,
    options: ClipBatchLoaderOptions,
    private readonly progress: ProgressReporter = silentProgress,
  ) {
    if (sampler.size === 0) throw new DataError('the training split has no labelled frames', { hint: 'check the dataset root and split' });
    this.options = { prefetch: 2, startBatch: 0, onBadInput: 'error', maxSkips: 100, ...options };
    if (!Number.isInteger(this.options.batchSize) || this.options.batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${this.options.batchSize}`);
    this.queue = new PrefetchQueue((batch) => this.batch(batch), this.options.prefetch, this.options.startBatch);
  }

  /** The next batch of `batchSize` clips. */
  next(): Promise<ClipSample[]> {
    return this.queue.next();
  }

  /** Samples skipped so far because of bad input (only with onBadInput 'skip'). */
  get skipped(): readonly SkippedSample[] {
    return this.skips;
  }

  /** Stops prefetching. */
  close(): void {
    this.queue.close();
  }

  private async batch(batch: number): Promise<ClipSample[]> {
    const { batchSize } = this.options;
    return Promise.all(Array.from({ length: batchSize }, (_, slot) => this.slot(batch * batchSize + slot)));
  }

  private async slot(draw: number): Promise<ClipSample> {
    const random = new SeededRandom(hash3(this.options.seed, draw, 0, SAMPLE_SALT));
    let position = this.positionOf(draw);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.sampler.sample(position, random);
      } catch (error) {
        if (!(error instanceof DataError) || this.options.onBadInput !== 'skip') throw error;
        this.skips.push({ position, reason: error.message });
        this.progress.warn(`skipped a training sample (${this.skips.length} so far): ${error.message}`);
        if (this.skips.length > this.options.maxSkips) {
          throw new DataError(`gave up after ${this.skips.length} bad training samples (maxSkips ${this.options.maxSkips}); the last: ${error.message}`, { cause: error });
        }
        position = random.int(this.sampler.size);
      }
    }
  }

  private positionOf(draw: number): number {
    const size = this.sampler.size;
    const epoch = Math.floor(draw / size);
    let permutation = this.permutations.get(epoch);
    if (!permutation) {
      permutation = seededPermutation(size, hash3(this.options.seed, epoch, 0, ORDER_SALT));
      if (this.permutations.size >= 2) this.permutations.delete(this.permutations.keys().next().value!);
      this.permutations.set(epoch, permutation);
    }
    return permutation[draw % size]!;
  }
}

function seededPermutation(size: number, seed: number): Uint32Array {
  const random = new SeededRandom(seed);
  const out = Uint32Array.from({ length: size }, (_, i) => i);
  for (let i = size - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}
