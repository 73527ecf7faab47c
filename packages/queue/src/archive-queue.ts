import { FlowProducer, Queue, type Job } from 'bullmq';
import type { ChunkJobData, VideoJobData, VideoJobSpec, VideoRecord } from './archive-job.js';
import { connectedWithin } from './connect-timeout.js';
import { planVideoFlow, videoJobId, type RetryPolicy } from './plan-video-flow.js';
import type { ActiveJob, FailedJob, QueueCounts, QueueStatus } from './queue-status.js';
import { redisConnectionOptions, type RedisUrlOptions } from './redis-connection.js';

/** The queue name used when none is given. */
export const DEFAULT_QUEUE_NAME = 'vidseg';

/** What adding one input did. */
export interface AddOutcome {
  readonly input: string;
  /** `added`: new jobs; `queued`: the same work is already waiting or running; `done`: finished before; `failed`: failed before (see retry-failed). */
  readonly outcome: 'added' | 'queued' | 'done' | 'failed';
  /** Chunk jobs of the input. */
  readonly chunks: number;
}

type AnyJob = Job<ChunkJobData | VideoJobData>;

/** The archive's jobs in Redis, as seen by the commands that add, inspect and manage them (not by workers). */
export class ArchiveQueue {
  private constructor(
    readonly name: string,
    private readonly queue: Queue<ChunkJobData | VideoJobData>,
    private readonly flows: FlowProducer,
  ) {}

  /** Connects to the queue `name` on the Redis at `url`; fails with a clear error when Redis cannot be reached. */
  static async open(url: string, options: RedisUrlOptions & { queue?: string } = {}): Promise<ArchiveQueue> {
    const connection = redisConnectionOptions(url, options);
    const name = options.queue ?? DEFAULT_QUEUE_NAME;
    const queue = new Queue<ChunkJobData | VideoJobData>(name, { connection });
    const flows = new FlowProducer({ connection });
    const archive = new ArchiveQueue(name, queue, flows);
    queue.on('error', () => undefined); // reported by connectedWithin or the failing call
    flows.on('error', () => undefined);
    try {
      await connectedWithin(Promise.all([queue.waitUntilReady(), flows.waitUntilReady()]), url);
    } catch (error) {
      await archive.close();
      throw error;
    }
    return archive;
  }

  /**
   * Adds one flow per input (a `video` job over its `chunk` jobs), unless the same work (same key)
   * is already in the queue: then it says whether it is waiting, done or failed.
   */
  async add(videos: readonly VideoJobSpec[], retry: RetryPolicy): Promise<AddOutcome[]> {
    const outcomes: AddOutcome[] = [];
    for (const video of videos) {
      const flow = planVideoFlow(video, this.name, retry);
      const chunks = flow.children?.length ?? 0;
      const state = await this.queue.getJobState(videoJobId(video.key));
      const chunkStates = await Promise.all((flow.children ?? []).map((child) => this.queue.getJobState(String(child.opts?.jobId))));
      if (state === 'completed') outcomes.push({ input: video.input, outcome: 'done', chunks });
      else if (state === 'failed' || chunkStates.includes('failed')) outcomes.push({ input: video.input, outcome: 'failed', chunks });
      else if (state !== 'unknown' && !chunkStates.includes('unknown')) outcomes.push({ input: video.input, outcome: 'queued', chunks });
      else {
        // A video job whose chunks were drained would wait for ever: replace it.
        if (state !== 'unknown') await this.queue.remove(videoJobId(video.key), { removeChildren: true });
        await this.flows.add(flow);
        outcomes.push({ input: video.input, outcome: 'added', chunks });
      }
    }
    return outcomes;
  }

  /** Counts per state, the jobs running now with their progress, and the failed jobs with their errors. */
  async status(): Promise<QueueStatus> {
    const raw = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed');
    const counts: QueueCounts = {
      waiting: raw.waiting ?? 0,
      active: raw.active ?? 0,
      delayed: raw.delayed ?? 0,
      prioritized: raw.prioritized ?? 0,
      waitingChildren: raw['waiting-children'] ?? 0,
      completed: raw.completed ?? 0,
      failed: raw.failed ?? 0,
    };
    const active = (await this.queue.getJobs(['active'])).filter(isJob).map(describeActive);
    const failed = (await this.queue.getJobs(['failed'])).filter(isJob).map(describeFailed);
    return { queue: this.name, counts, active, failed };
  }

  /** The records of every input finished so far (the return values of the completed `video` jobs). */
  async records(): Promise<VideoRecord[]> {
    const completed = (await this.queue.getJobs(['completed'])).filter(isJob);
    return completed.filter((job) => job.name === 'video' && job.returnvalue).map((job) => job.returnvalue as VideoRecord);
  }

  /** Moves every failed job back to waiting (with its attempts reset); returns how many. */
  async retryFailed(): Promise<number> {
    const failed = (await this.queue.getJobs(['failed'])).filter(isJob);
    for (const job of failed) await job.retry('failed');
    return failed.length;
  }

  /** Removes the jobs not started yet (waiting and delayed); running jobs finish. Returns how many were removed. */
  async drain(): Promise<number> {
    const before = await this.queue.getJobCounts('waiting', 'delayed', 'prioritized');
    await this.queue.drain(true);
    const after = await this.queue.getJobCounts('waiting', 'delayed', 'prioritized');
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);
    return total(before) - total(after);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.queue.close(), this.flows.close()]);
  }
}

function isJob(job: AnyJob | undefined): job is AnyJob {
  return job !== undefined && job !== null;
}

function describeActive(job: AnyJob): ActiveJob {
  const progress = job.progress as { done?: number; total?: number | null } | number;
  return {
    id: job.id ?? '',
    kind: job.name === 'video' ? 'video' : 'chunk',
    input: job.data.video.input,
    ...('chunk' in job.data ? { chunk: job.data.chunk } : {}),
    ...(typeof progress === 'object' && typeof progress.done === 'number' ? { progress: { done: progress.done, total: progress.total ?? null } } : {}),
  };
}

function describeFailed(job: AnyJob): FailedJob {
  return {
    id: job.id ?? '',
    kind: job.name === 'video' ? 'video' : 'chunk',
    input: job.data.video.input,
    ...('chunk' in job.data ? { chunk: job.data.chunk } : {}),
    attempts: job.attemptsMade,
    error: job.failedReason ?? 'no reason recorded',
  };
}
