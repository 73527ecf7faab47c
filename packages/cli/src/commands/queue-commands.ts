import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '@vidseg/core';
import { readOnnxModel } from '@vidseg/backend-ort';
import { hashModelFile } from '../queue/model-hash.js';
import type { Command } from './command.js';
import { numberFlag } from './number-flag.js';
import { parseCommandArgs } from './parse-command-args.js';
import { SEGMENT_OPTION_FLAGS, segmentOptionsFrom } from './segment-option-flags.js';
import { QUEUE_FLAGS, QUEUE_FLAGS_USAGE, queueLocation } from '../queue/queue-flags.js';

/** BullMQ is loaded only by the queue commands (`import()`), so other commands never pull it in. */
const loadQueue = () => import('@vidseg/queue');

/** Opens the archive queue named by the parsed flags, runs `use`, and closes it. */
async function withQueue<T>(values: { redis?: string; tls?: boolean; queue?: string }, use: (queue: import('@vidseg/queue').ArchiveQueue) => Promise<T>): Promise<T> {
  const { ArchiveQueue, defaultRedisUrl } = await loadQueue();
  const { url, options } = queueLocation(values, defaultRedisUrl());
  const queue = await ArchiveQueue.open(url, options);
  try {
    return await use(queue);
  } finally {
    await queue.close();
  }
}

/** `vidseg queue add`: one job per input (cut into chunks), skipping work already done or queued. */
export const queueAddCommand: Command = {
  name: 'queue add',
  summary: 'queue videos or frame folders for vidseg workers (BullMQ on Redis)',
  usage: `vidseg queue add --model <model.onnx> --out <folder> [options] <inputs...>

Adds one job per input (a video file or a folder of frames), cut into chunks of --chunk-frames frames
that workers segment in parallel and merge back in order. Outputs go to <out>/<input name>/: what
vidseg infer writes (labels/, overlays/, preview.webp, frames.csv) plus segmentation.json. Work already done or
queued with the same model content, input and options is skipped.

      --model <file>        exported vidseg model; every worker must see it at this path
      --out <folder>        output folder, shared by the workers (e.g. on NFS)
      --chunk-frames <n>    frames per job (default 300)
      --attempts <n>        tries per job before it counts as failed (default 3)
      --retry-delay <s>     wait before a retry (default 5)
      --runtime <name>      auto (default), ort-node or ort-web
      --alpha <0..1>        overlay opacity (default 0.5)
      --fps <n>             resample videos to this rate (also the preview's rate)
      --max-frames <n>      segment at most this many frames of each input
      --native-size         segment frames at their own size (default: resized to the model's input)
      --no-overlays         write only the label maps
${QUEUE_FLAGS_USAGE}`,
  async run({ args, out, progress }) {
    const { values, positionals } = parseCommandArgs('queue add', args, {
      ...QUEUE_FLAGS,
      model: { type: 'string' },
      out: { type: 'string' },
      'chunk-frames': { type: 'string' },
      attempts: { type: 'string' },
      'retry-delay': { type: 'string' },
      ...SEGMENT_OPTION_FLAGS,
    }, true);
    for (const flag of ['model', 'out'] as const) {
      if (!values[flag]) throw new UsageError(`vidseg queue add: missing --${flag}`, { hint: 'see vidseg queue add --help' });
    }
    if (positionals.length === 0) throw new UsageError('vidseg queue add: no inputs given', { hint: 'name video files or folders of frames after the options' });
    const number = (flag: string, text: string | undefined, options: Parameters<typeof numberFlag>[3] = {}) => numberFlag('queue add', flag, text, options);
    const options = segmentOptionsFrom('queue add', values);
    const retry = {
      attempts: number('attempts', values.attempts, { fallback: 3, min: 1, integer: true })!,
      backoffMs: number('retry-delay', values['retry-delay'], { fallback: 5 })! * 1000,
    };
    const chunkFrames = number('chunk-frames', values['chunk-frames'], { fallback: 300, min: 1, integer: true })!;
    const model = resolve(values.model!);
    const { planArchiveInputs } = await import('../queue/plan-archive-inputs.js');
    const modelHash = await hashModelFile(model);
    readOnnxModel(new Uint8Array(await readFile(model)), model); // a broken model fails here, not in every job
    const plan = { model, modelHash, out: resolve(values.out!), chunkFrames, options };
    const specs = await planArchiveInputs(positionals, plan, progress);
    const outcomes = await withQueue(values, (queue) => queue.add(specs, retry));
    const said = { added: 'added', queued: 'already queued', done: 'done before (same model, input and options)', failed: 'failed before (see vidseg queue status; vidseg queue retry-failed)' };
    for (const outcome of outcomes) out.write(`${said[outcome.outcome]}: ${outcome.input}${outcome.outcome === 'added' ? ` (${outcome.chunks} job${outcome.chunks === 1 ? '' : 's'})` : ''}\n`);
    const added = outcomes.filter((o) => o.outcome === 'added');
    out.write(`${added.length} of ${outcomes.length} inputs added (${added.reduce((sum, o) => sum + o.chunks, 0)} chunk jobs); start workers with vidseg worker\n`);
    return 0;
  },
};

/** `vidseg queue status`: counts, running jobs, failures, and the archive summary once nothing is left to run. */
export const queueStatusCommand: Command = {
  name: 'queue status',
  summary: 'jobs per state, progress of running jobs, failures with their error; the archive summary when done',
  usage: `vidseg queue status [options]

Prints the jobs per state, the running jobs with their progress, the failed jobs with their error and,
once nothing is waiting or running, a summary of the whole archive (frames, throughput, the least
consistent inputs first).

      --top <n>           inputs listed in the summary (default 10)
${QUEUE_FLAGS_USAGE}`,
  async run({ args, out }) {
    const { values } = parseCommandArgs('queue status', args, { ...QUEUE_FLAGS, top: { type: 'string' } });
    const top = numberFlag('queue status', 'top', values.top, { fallback: 10, min: 1, integer: true })!;
    const { formatArchiveSummary, formatQueueStatus, isQueueIdle, summarizeArchive } = await loadQueue();
    await withQueue(values, async (queue) => {
      const status = await queue.status();
      out.write(formatQueueStatus(status));
      if (!isQueueIdle(status.counts)) return;
      const records = await queue.records();
      if (records.length > 0) out.write(formatArchiveSummary(summarizeArchive(records), top));
    });
    return 0;
  },
};

/** `vidseg queue retry-failed`. */
export const queueRetryFailedCommand: Command = {
  name: 'queue retry-failed',
  summary: 'put every failed job back in the queue (its input then completes normally)',
  usage: `vidseg queue retry-failed [options]

${QUEUE_FLAGS_USAGE}`,
  async run({ args, out }) {
    const { values } = parseCommandArgs('queue retry-failed', args, QUEUE_FLAGS);
    const count = await withQueue(values, (queue) => queue.retryFailed());
    out.write(`put ${count} failed job${count === 1 ? '' : 's'} back in the queue\n`);
    return 0;
  },
};

/** `vidseg queue drain`. */
export const queueDrainCommand: Command = {
  name: 'queue drain',
  summary: 'remove the jobs not started yet (running jobs finish; done work stays recorded)',
  usage: `vidseg queue drain [options]

Removes the waiting and delayed jobs, so workers stop once their current jobs are done. Finished and
failed jobs stay (vidseg queue status still summarises them).

${QUEUE_FLAGS_USAGE}`,
  async run({ args, out }) {
    const { values } = parseCommandArgs('queue drain', args, QUEUE_FLAGS);
    const count = await withQueue(values, (queue) => queue.drain());
    out.write(`removed ${count} job${count === 1 ? '' : 's'} that had not started\n`);
    return 0;
  },
};
