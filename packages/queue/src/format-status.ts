import type { QueueStatus } from './queue-status.js';

/** `vidseg queue status` as text: counts, running jobs with their progress, failed jobs with their errors. */
export function formatQueueStatus(status: QueueStatus): string {
  const c = status.counts;
  const lines = [
    `queue ${status.queue}: ${c.waiting + c.prioritized} waiting, ${c.active} active, ${c.delayed} delayed (retry backoff), ` +
      `${c.waitingChildren} inputs waiting for their chunks, ${c.completed} completed, ${c.failed} failed`,
  ];
  for (const job of status.active) {
    const what = job.kind === 'chunk' ? `chunk ${job.chunk}` : 'merge';
    const progress = job.progress ? ` ${job.progress.done}/${job.progress.total ?? '?'} frames` : '';
    lines.push(`  active  ${what} of ${job.input}${progress}`);
  }
  for (const job of status.failed) {
    const what = job.kind === 'chunk' ? `chunk ${job.chunk}` : 'merge';
    // Decoder messages span lines: indent the rest under the first.
    const error = job.error.trim().split('\n').join('\n          ');
    lines.push(`  failed  ${what} of ${job.input} after ${job.attempts} attempt${job.attempts === 1 ? '' : 's'}: ${error}`);
  }
  if (status.failed.length > 0) lines.push('  (vidseg queue retry-failed puts them back)');
  return `${lines.join('\n')}\n`;
}
