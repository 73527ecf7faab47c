import { createHash } from 'node:crypto';
import type { FlowJob } from 'bullmq';
import type { ChunkJobData, VideoJobData, VideoJobSpec } from './archive-job.js';

/** Retry policy of every job added. */
export interface RetryPolicy {
  /** Tries per job, the first included (BullMQ `attempts`). */
  readonly attempts: number;
  /** Fixed wait before a retry, ms. */
  readonly backoffMs: number;
}

/**
 * The key that identifies a piece of work: the same model content, input (path, size and
 * modification time), output folder, options and chunking give the same key, so adding it again is
 * recognised as the same work.
 */
export function videoJobKey(fields: Omit<VideoJobSpec, 'key' | 'frames'> & { readonly inputStamp: string }): string {
  const { modelHash, input, inputStamp, outDir, kind, chunkFrames, options } = fields;
  const canonical = JSON.stringify([modelHash, input, inputStamp, outDir, kind, chunkFrames, Object.entries(options).sort(([a], [b]) => a.localeCompare(b))]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 24);
}

/** Job id of an input's `video` (merge) job. BullMQ job ids may not contain ":". */
export function videoJobId(key: string): string {
  return `${key}-video`;
}

/** Job id of chunk `index` of an input. */
export function chunkJobId(key: string, index: number): string {
  return `${key}-chunk${index}`;
}

/** The chunks of an input: frames [start, end) of at most `chunkFrames` each; one open chunk when the length is unknown. */
export function chunkRanges(frames: number | null, chunkFrames: number): { start: number; end: number | null }[] {
  if (frames === null) return [{ start: 0, end: null }];
  const ranges: { start: number; end: number | null }[] = [];
  for (let start = 0; start < frames; start += chunkFrames) ranges.push({ start, end: Math.min(start + chunkFrames, frames) });
  return ranges;
}

/**
 * The BullMQ flow of one input: a `video` job whose children are its `chunk` jobs. BullMQ runs the
 * parent only once every chunk has completed, so the merge sees all of them; a failed chunk leaves
 * the parent waiting, and retrying the chunk lets the flow go on.
 */
export function planVideoFlow(video: VideoJobSpec, queueName: string, retry: RetryPolicy): FlowJob {
  const opts = { attempts: retry.attempts, backoff: { type: 'fixed', delay: retry.backoffMs } };
  const ranges = chunkRanges(video.frames, video.chunkFrames);
  return {
    name: 'video',
    queueName,
    data: { video, chunks: ranges.length } satisfies VideoJobData,
    opts: { ...opts, jobId: videoJobId(video.key) },
    children: ranges.map(({ start, end }, chunk) => ({
      name: 'chunk',
      queueName,
      data: { video, chunk, start, end } satisfies ChunkJobData,
      opts: { ...opts, jobId: chunkJobId(video.key, chunk) },
    })),
  };
}
