export type { SegmentOptions, VideoJobSpec, ChunkJobData, VideoJobData, SegmentedRange, ChunkResult, VideoRecord } from './archive-job.js';
export { ArchiveQueue, DEFAULT_QUEUE_NAME, type AddOutcome } from './archive-queue.js';
export { startArchiveWorker, type ArchiveHandlers, type ArchiveWorker, type ArchiveWorkerOptions, type ChunkProgress } from './archive-worker.js';
export { summarizeArchive, formatArchiveSummary, type ArchiveSummary } from './archive-summary.js';
export { formatQueueStatus } from './format-status.js';
export { isQueueIdle, type QueueStatus, type QueueCounts, type ActiveJob, type FailedJob } from './queue-status.js';
export { chunkRanges, videoJobKey, videoJobId, chunkJobId, planVideoFlow, type RetryPolicy } from './plan-video-flow.js';
export { defaultRedisUrl, redisConnectionOptions, redactRedisUrl, type RedisConnectionOptions, type RedisUrlOptions } from './redis-connection.js';
export { connectedWithin, CONNECT_TIMEOUT_MS } from './connect-timeout.js';
