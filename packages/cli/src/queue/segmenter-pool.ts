import { createSegmenter, type RuntimeChoice, type Segmenter } from '@vidseg/backend-ort';

interface PooledSegmenter {
  readonly key: string;
  readonly segmenter: Segmenter;
  /** Last timestamp given to the segmenter: it needs increasing timestamps across jobs too. */
  clock: number;
}

/**
 * Segmenters kept open between jobs (a session takes time to create), one per job running at once,
 * keyed by model file, content hash and runtime.
 */
export class SegmenterPool {
  private readonly idle: PooledSegmenter[] = [];
  private readonly all: PooledSegmenter[] = [];

  /** Runs `use` with a segmenter of the model, and a clock that gives it increasing timestamps. */
  async with<T>(model: string, modelHash: string, runtime: string | undefined, use: (segmenter: Segmenter, timestampMs: () => number) => Promise<T>): Promise<T> {
    const key = `${model}\n${modelHash}\n${runtime ?? 'auto'}`;
    const index = this.idle.findIndex((entry) => entry.key === key);
    const entry = index >= 0 ? this.idle.splice(index, 1)[0]! : await this.open(key, model, runtime);
    try {
      return await use(entry.segmenter, () => ++entry.clock);
    } finally {
      this.idle.push(entry);
    }
  }

  private async open(key: string, model: string, runtime: string | undefined): Promise<PooledSegmenter> {
    const entry = { key, segmenter: await createSegmenter({ model, ...(runtime ? { runtime: runtime as RuntimeChoice } : {}) }), clock: 0 };
    this.all.push(entry);
    return entry;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.all.map((entry) => entry.segmenter.close()));
  }
}
