/** Jobs per state, as BullMQ counts them. */
export interface QueueCounts {
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly prioritized: number;
  /** `video` jobs waiting for their chunks. */
  readonly waitingChildren: number;
  readonly completed: number;
  readonly failed: number;
}

/** A job being processed now. */
export interface ActiveJob {
  readonly id: string;
  readonly kind: 'chunk' | 'video';
  readonly input: string;
  /** Chunk number (chunk jobs). */
  readonly chunk?: number;
  /** Frames done and to do, as last reported by the worker. */
  readonly progress?: { readonly done: number; readonly total: number | null };
}

/** A job that failed after all its attempts. */
export interface FailedJob {
  readonly id: string;
  readonly kind: 'chunk' | 'video';
  readonly input: string;
  readonly chunk?: number;
  readonly attempts: number;
  readonly error: string;
}

/** What `vidseg queue status` shows. */
export interface QueueStatus {
  readonly queue: string;
  readonly counts: QueueCounts;
  readonly active: readonly ActiveJob[];
  readonly failed: readonly FailedJob[];
}

/** Whether no job can run any more: nothing waiting, delayed or active (failed chunks may still block their video). */
export function isQueueIdle(counts: QueueCounts): boolean {
  return counts.waiting + counts.active + counts.delayed + counts.prioritized === 0;
}
