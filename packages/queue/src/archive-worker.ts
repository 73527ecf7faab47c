import { hostname } from 'node:os';
import { Queue, Worker, type Job } from 'bullmq';
import type { ChunkJobData, ChunkResult, VideoJobData, VideoRecord } from './archive-job.js';
import { DEFAULT_QUEUE_NAME } from './archive-queue.js';
import { connectedWithin } from './connect-timeout.js';
import { isQueueIdle } from './queue-status.js';
import { redisConnectionOptions, type RedisUrlOptions } from './redis-connection.js';

/** Reports frames done of a chunk (throttled before it reaches Redis). */
export type ChunkProgress = (done: number, total: number | null) => void;

/** What a worker does with each kind of job (the CLI supplies the segmentation pipeline). */
export interface ArchiveHandlers {
  /** Segments the chunk's frames and writes their outputs. */
  chunk(data: ChunkJobData, progress: ChunkProgress, worker: string): Promise<ChunkResult>;
  /** Merges an input's chunks (in chunk order) once all are done: preview, consistency across chunks, the per-input record. */
  video(data: VideoJobData, chunks: readonly ChunkResult[]): Promise<VideoRecord>;
}

/** Options of {@link startArchiveWorker}. */
export interface ArchiveWorkerOptions extends RedisUrlOptions {
  readonly queue?: string;
  /** Jobs processed at once by this process (default 1). */
  readonly concurrency?: number;
  /** How long a job stays locked without a renewal (ms; the worker renews it every half of this). After it, the job counts as stalled. */
  readonly lockDurationMs?: number;
  /** How often workers look for stalled jobs and put them back to wait (ms). */
  readonly stalledIntervalMs?: number;
  /** One line per job event (start, done, failed). */
  readonly log: (line: string) => void;
}

/** Minimum time between two progress updates of a job in Redis. */
const PROGRESS_INTERVAL_MS = 500;

/** A running worker. */
export interface ArchiveWorker {
  /** `host:pid`, recorded in the results of the jobs it finishes. */
  readonly id: string;
  /** Stops taking jobs. Without `force` it first finishes the jobs it holds; with it, they are left to the stalled check of other workers. */
  close(force?: boolean): Promise<void>;
  /** Resolves once no job is waiting, delayed or active in the whole queue (checked every `pollMs` while this worker is idle). */
  queueEmpty(pollMs?: number): Promise<void>;
}

function describe(job: Job<ChunkJobData | VideoJobData>): string {
  const data = job.data;
  return 'chunk' in data
    ? `chunk ${data.chunk} (frames ${data.start}..${data.end === null ? 'end' : data.end - 1}) of ${data.video.input}`
    : `merge of ${data.video.input} (${data.chunks} chunks)`;
}

/**
 * Starts a BullMQ worker on the archive queue at `url`: `chunk` jobs go to `handlers.chunk`, `video`
 * jobs (run by BullMQ once all chunks of an input are done) to `handlers.video` with the chunk
 * results in order. A handler that throws fails its job (retried as configured) and the worker
 * goes on with the next.
 */
export async function startArchiveWorker(url: string, handlers: ArchiveHandlers, options: ArchiveWorkerOptions): Promise<ArchiveWorker> {
  const connection = redisConnectionOptions(url, options);
  const queueName = options.queue ?? DEFAULT_QUEUE_NAME;
  const id = `${hostname()}:${process.pid}`;
  let running = 0;
  const processor = async (job: Job<ChunkJobData | VideoJobData>): Promise<ChunkResult | VideoRecord> => {
    running++;
    try {
      const data = job.data;
      if ('chunk' in data) {
        let last = 0;
        const progress: ChunkProgress = (done, total) => {
          const now = Date.now();
          if (now - last < PROGRESS_INTERVAL_MS && done !== total) return;
          last = now;
          job.updateProgress({ done, total }).catch(() => undefined); // progress is advisory
        };
        return await handlers.chunk(data, progress, id);
      }
      const values = Object.values(await job.getChildrenValues<ChunkResult>());
      return await handlers.video(data, values.sort((a, b) => a.chunk - b.chunk));
    } finally {
      running--;
    }
  };
  const worker = new Worker<ChunkJobData | VideoJobData, ChunkResult | VideoRecord>(queueName, processor, {
    connection,
    concurrency: options.concurrency ?? 1,
    ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
  });
  worker.on('active', (job) => options.log(`start ${job.id}: ${describe(job)}`));
  worker.on('completed', (job) => options.log(`done ${job.id}: ${describe(job)}`));
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    options.log(`failed ${job.id} (attempt ${job.attemptsMade} of ${job.opts.attempts ?? 1}${final ? ', final' : ', will retry'}): ${describe(job)}: ${error.message}`);
  });
  worker.on('error', (error) => options.log(`worker error: ${error.message}`));
  const observer = new Queue(queueName, { connection });
  observer.on('error', () => undefined);
  try {
    await connectedWithin(Promise.all([worker.waitUntilReady(), observer.waitUntilReady()]), url);
  } catch (error) {
    await Promise.allSettled([worker.close(true), observer.close()]);
    throw error;
  }
  return {
    id,
    async close(force = false) {
      await worker.close(force);
      await observer.close();
    },
    async queueEmpty(pollMs = 1000) {
      for (;;) {
        if (running === 0) {
          const raw = await observer.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
          if (isQueueIdle({ waiting: raw.waiting ?? 0, active: raw.active ?? 0, delayed: raw.delayed ?? 0, prioritized: raw.prioritized ?? 0, waitingChildren: 0, completed: 0, failed: 0 })) return;
        }
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
  };
}
