import type { FlowEstimator, FlowField, FramePairIds, ImageFrame } from '@vidseg/core';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { decodeFlo, encodeFlo } from '../io/flo-format.js';
import { writeFileAtomic } from '@vidseg/core/node';
import { imageContentHash } from './content-hash.js';

/** Hits and misses of a {@link CachedFlowEstimator}. */
export interface FlowCacheStats {
  hits: number;
  misses: number;
  /** Cache files that could not be read (corrupt or truncated) and were recomputed. */
  repaired: number;
}

/**
 * Wraps an estimator with a disk cache of .flo files keyed by both frames' content hashes and the
 * estimator's `cacheKey` (so changing a parameter never returns a stale flow). Files are written
 * atomically; an unreadable cache file is recomputed and replaced.
 */
export class CachedFlowEstimator implements FlowEstimator {
  readonly name: string;
  readonly cacheKey: string;
  readonly stats: FlowCacheStats = { hits: 0, misses: 0, repaired: 0 };
  readonly dir: string;

  constructor(
    private readonly inner: FlowEstimator,
    dir: string,
  ) {
    this.name = inner.name;
    this.cacheKey = inner.cacheKey;
    this.dir = resolve(dir);
  }

  /** The cache file of the flow from `from` to `to`. */
  fileFor(from: ImageFrame, to: ImageFrame): string {
    const key = createHash('sha256').update(`${this.inner.cacheKey}\n${imageContentHash(from)}\n${imageContentHash(to)}`).digest('hex');
    return join(this.dir, key.slice(0, 2), `${key}.flo`);
  }

  async estimate(from: ImageFrame, to: ImageFrame, pair?: FramePairIds): Promise<FlowField> {
    const file = this.fileFor(from, to);
    const cached = await this.read(file);
    if (cached && cached.width === from.width && cached.height === from.height) {
      this.stats.hits++;
      return cached;
    }
    this.stats.misses++;
    const flow = await this.inner.estimate(from, to, pair);
    await writeFileAtomic(file, encodeFlo(flow));
    return flow;
  }

  dispose(): void {
    this.inner.dispose?.();
  }

  private async read(file: string): Promise<FlowField | undefined> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch {
      return undefined;
    }
    try {
      return decodeFlo(bytes, file);
    } catch {
      this.stats.repaired++;
      return undefined;
    }
  }
}
