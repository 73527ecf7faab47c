import type { ArchiveWorker } from '@vidseg/queue';
import type { Command } from './command.js';
import { numberFlag } from './number-flag.js';
import { parseCommandArgs } from './parse-command-args.js';
import { QUEUE_FLAGS, QUEUE_FLAGS_USAGE, queueLocation } from '../queue/queue-flags.js';

/** `vidseg worker`: segments queued inputs until stopped (SIGTERM or Ctrl-C), or until the queue is empty. */
export const workerCommand: Command = {
  name: 'worker',
  summary: 'take queued segmentation jobs from Redis and run them (see vidseg queue add)',
  usage: `vidseg worker [options]

Takes jobs from the queue and segments them with onnxruntime (each chunk exactly as vidseg infer
would), writing every output file atomically. SIGTERM or Ctrl-C: finishes the jobs it holds, then
exits; a second signal exits at once and leaves them to other workers after the stall interval.

      --concurrency <n>        jobs at once in this process (default 1; one CPU core each)
      --lock-duration <s>      a job whose worker stops renewing its lock for this long counts as stalled (default 30)
      --stalled-interval <s>   how often stalled jobs are looked for and put back (default 30)
      --exit-when-empty        exit once nothing is waiting or running in the queue
${QUEUE_FLAGS_USAGE}`,
  async run({ args, out, progress, interrupted }) {
    const { values } = parseCommandArgs('worker', args, {
      ...QUEUE_FLAGS,
      concurrency: { type: 'string' },
      'lock-duration': { type: 'string' },
      'stalled-interval': { type: 'string' },
      'exit-when-empty': { type: 'boolean' },
    });
    const seconds = (flag: 'lock-duration' | 'stalled-interval') => {
      const value = numberFlag('worker', flag, values[flag], { min: 0.1 });
      return value === undefined ? undefined : Math.round(value * 1000);
    };
    const concurrency = numberFlag('worker', 'concurrency', values.concurrency, { fallback: 1, min: 1, integer: true })!;
    const lockDurationMs = seconds('lock-duration');
    const stalledIntervalMs = seconds('stalled-interval');
    const { startArchiveWorker, defaultRedisUrl, redactRedisUrl } = await import('@vidseg/queue');
    const { segmentationHandlers } = await import('../queue/segmentation-handlers.js');
    const { SegmenterPool } = await import('../queue/segmenter-pool.js');
    const { url, options } = queueLocation(values, defaultRedisUrl());
    // Signals are caught before the worker starts: it may take a job at once.
    let worker: ArchiveWorker | undefined;
    let signals = 0;
    let interruptedByUser = false;
    const stopped = new Promise<'signal'>((resolve) => {
      const onSignal = (name: string) => {
        signals++;
        if (signals === 1) {
          progress.log(`${name}: finishing the jobs this worker holds, then exiting (send it again to exit now and leave them to other workers)`);
          resolve('signal');
        } else {
          progress.log(`${name} again: exiting now; other workers pick up the jobs after the stall interval`);
          void worker?.close(true);
        }
      };
      process.on('SIGTERM', () => onSignal('SIGTERM'));
      void interrupted.then(() => {
        interruptedByUser = true;
        onSignal('interrupted');
      });
    });
    const pool = new SegmenterPool();
    worker = await startArchiveWorker(url, segmentationHandlers(pool, progress), {
      ...options,
      concurrency,
      ...(lockDurationMs ? { lockDurationMs } : {}),
      ...(stalledIntervalMs ? { stalledIntervalMs } : {}),
      log: (line) => progress.log(line),
    });
    progress.log(`worker ${worker.id} on queue ${options.queue ?? 'vidseg'} at ${redactRedisUrl(url)}, ${concurrency} at once: waiting for jobs`);
    const reason = await Promise.race([stopped, ...(values['exit-when-empty'] ? [worker.queueEmpty().then(() => 'empty' as const)] : [])]);
    await worker.close();
    await pool.close();
    out.write(`worker ${worker.id} stopped (${reason === 'empty' ? 'the queue is empty' : 'asked to stop'})\n`);
    // SIGTERM is the normal way to stop a service: 0. Ctrl-C is an interruption: 130, like every command.
    return interruptedByUser ? 130 : 0;
  },
};
