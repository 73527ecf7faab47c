import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRedisServer, skipReason, startRedisServer, type TestRedisServer } from '@vidseg/test-support';
import type { ChunkResult, VideoJobSpec, VideoRecord } from '../src/archive-job.js';
import { ArchiveQueue } from '../src/archive-queue.js';
import { startArchiveWorker, type ArchiveHandlers } from '../src/archive-worker.js';

const available = hasRedisServer();
const retry = { attempts: 2, backoffMs: 50 };

function spec(name: string, frames: number | null, chunkFrames = 4): VideoJobSpec {
  return { key: `key-${name}`, input: `/in/${name}.mp4`, kind: 'video', name, outDir: `/out/${name}`, model: '/m.onnx', modelHash: 'h', frames, chunkFrames, options: { alpha: 0.5, overlays: true } };
}

/** Handlers that only do bookkeeping: a chunk "segments" its frames instantly; inputs named bad-* fail to decode. */
function bookkeeping(calls: string[]): ArchiveHandlers {
  return {
    async chunk(data, progress, worker) {
      calls.push(`chunk ${data.video.name} ${data.chunk}`);
      if (data.video.name.startsWith('bad')) throw new Error(`cannot decode video ${data.video.input}: Invalid data found when processing input`);
      const end = data.end ?? data.start + 1;
      progress(end - data.start, end - data.start);
      const now = new Date().toISOString();
      return { chunk: data.chunk, start: data.start, frames: end - data.start, firstFrameId: `f${data.start}`, lastFrameId: `f${end - 1}`, previewIds: [], frameRows: [], modelMs: 1, wallMs: 2, unchangedPixels: 9, comparedPixels: 10, pairs: end - data.start - 1, worker, startedAt: now, finishedAt: now };
    },
    async video(data, chunks: readonly ChunkResult[]): Promise<VideoRecord> {
      calls.push(`video ${data.video.name} ${chunks.map((c) => c.chunk).join(',')}`);
      const frames = chunks.reduce((s, c) => s + c.frames, 0);
      return {
        input: data.video.input, name: data.video.name, outDir: data.video.outDir, model: data.video.model, modelHash: data.video.modelHash, options: data.video.options,
        frames, chunks: chunks.length, msPerFrame: 1, wallMsPerFrame: 2, mergeMs: 1, labelFree: { unchangedPixelShare: 0.9, pairs: frames - 1 }, workers: chunks.map((c) => c.worker),
        startedAt: chunks[0]!.startedAt, finishedAt: new Date().toISOString(),
      };
    },
  };
}

describe.skipIf(!available)(`archive queue on a real Redis${skipReason(available, 'redis-server', 'install Debian\'s redis-server')}`, () => {
  let redis: TestRedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('runs every chunk, merges each input once in chunk order, skips a re-add, and fails an undecodable input after its retries without stopping', { timeout: 120_000 }, async () => {
    const queue = await ArchiveQueue.open(redis.url, { queue: 'q1' });
    const calls: string[] = [];
    try {
      const added = await queue.add([spec('a', 10), spec('b', 3), spec('bad', null)], retry);
      expect(added.map((a) => [a.outcome, a.chunks])).toEqual([['added', 3], ['added', 1], ['added', 1]]);
      const worker = await startArchiveWorker(redis.url, bookkeeping(calls), { queue: 'q1', concurrency: 2, log: () => undefined });
      await worker.queueEmpty(100);
      await worker.close();

      expect(calls.filter((c) => c.startsWith('video')).sort()).toEqual(['video a 0,1,2', 'video b 0']);
      expect(calls.filter((c) => c === 'chunk bad 0')).toHaveLength(2); // tried twice, as configured
      const status = await queue.status();
      expect(status.counts).toMatchObject({ completed: 6, failed: 1, waiting: 0, active: 0, waitingChildren: 1 });
      expect(status.failed).toEqual([{ id: 'key-bad-chunk0', kind: 'chunk', input: '/in/bad.mp4', chunk: 0, attempts: 2, error: 'cannot decode video /in/bad.mp4: Invalid data found when processing input' }]);
      const records = await queue.records();
      expect(records.map((r) => [r.name, r.frames]).sort()).toEqual([['a', 10], ['b', 3]]);

      const again = await queue.add([spec('a', 10), spec('bad', null), spec('c', 2)], retry);
      expect(again.map((a) => a.outcome)).toEqual(['done', 'failed', 'added']);
      expect(await queue.drain()).toBe(1); // c's chunk had not started
      expect((await queue.status()).counts.waiting).toBe(0);
      // Added again, the drained input gets a fresh flow, which completes.
      expect((await queue.add([spec('c', 2)], retry)).map((a) => a.outcome)).toEqual(['added']);
      const worker2 = await startArchiveWorker(redis.url, bookkeeping(calls), { queue: 'q1', log: () => undefined });
      await worker2.queueEmpty(100);
      await worker2.close();
      expect(calls).toContain('video c 0');
    } finally {
      await queue.close();
    }
  });

  it('retry-failed puts failed chunks back and their input then completes', { timeout: 120_000 }, async () => {
    const queue = await ArchiveQueue.open(redis.url, { queue: 'q2' });
    const calls: string[] = [];
    let broken = true;
    const handlers = bookkeeping(calls);
    const flaky: ArchiveHandlers = { ...handlers, chunk: async (data, progress, worker) => { if (broken) throw new Error('disk full (ENOSPC)'); return handlers.chunk(data, progress, worker); } };
    try {
      await queue.add([spec('x', 5)], retry);
      const worker = await startArchiveWorker(redis.url, flaky, { queue: 'q2', log: () => undefined });
      await worker.queueEmpty(100);
      expect((await queue.status()).counts).toMatchObject({ failed: 2, completed: 0 });
      broken = false;
      expect(await queue.retryFailed()).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await worker.queueEmpty(100);
      await worker.close();
      expect((await queue.status()).counts).toMatchObject({ failed: 0, completed: 3 });
      expect(calls).toContain('video x 0,1');
    } finally {
      await queue.close();
    }
  });

  it('shows the progress of running jobs', { timeout: 120_000 }, async () => {
    const queue = await ArchiveQueue.open(redis.url, { queue: 'q4' });
    const handlers = bookkeeping([]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reported!: () => void;
    const progressed = new Promise<void>((resolve) => (reported = resolve));
    const slow: ArchiveHandlers = {
      ...handlers,
      chunk: async (data, progress, worker) => {
        progress(2, 5);
        reported();
        await held;
        return handlers.chunk(data, progress, worker);
      },
    };
    try {
      await queue.add([spec('s', 5, 8)], retry);
      const worker = await startArchiveWorker(redis.url, slow, { queue: 'q4', log: () => undefined });
      await progressed;
      let active = (await queue.status()).active;
      for (let i = 0; i < 50 && active[0]?.progress === undefined; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        active = (await queue.status()).active;
      }
      expect(active).toEqual([{ id: 'key-s-chunk0', kind: 'chunk', input: '/in/s.mp4', chunk: 0, progress: { done: 2, total: 5 } }]);
      const { formatQueueStatus } = await import('../src/format-status.js');
      expect(formatQueueStatus(await queue.status())).toMatch(/^ {2}active {2}chunk 0 of \/in\/s\.mp4 2\/5 frames$/m);
      release();
      await worker.queueEmpty(100);
      await worker.close();
    } finally {
      await queue.close();
    }
  });

  it('keeps every job across a Redis crash (SIGKILL) and restart, from its append-only file', { timeout: 120_000 }, async () => {
    let queue = await ArchiveQueue.open(redis.url, { queue: 'q3' });
    await queue.add([spec('p', 8), spec('q', 4)], retry);
    await queue.close();
    // appendfsync everysec: what is older than a second is on disk, even if Redis is killed outright.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await redis.kill();
    await redis.start();
    queue = await ArchiveQueue.open(redis.url, { queue: 'q3' });
    try {
      expect((await queue.status()).counts).toMatchObject({ waiting: 3, waitingChildren: 2 });
      const calls: string[] = [];
      const worker = await startArchiveWorker(redis.url, bookkeeping(calls), { queue: 'q3', log: () => undefined });
      await worker.queueEmpty(100);
      await worker.close();
      expect((await queue.records()).map((r) => r.name).sort()).toEqual(['p', 'q']);
    } finally {
      await queue.close();
    }
  });

  it('keeps a running worker going across a Redis restart', { timeout: 120_000 }, async () => {
    const calls: string[] = [];
    const worker = await startArchiveWorker(redis.url, bookkeeping(calls), { queue: 'q5', log: () => undefined });
    await redis.stop();
    await redis.start();
    const queue = await ArchiveQueue.open(redis.url, { queue: 'q5' });
    try {
      await queue.add([spec('r', 6)], retry);
      for (let i = 0; i < 300 && !calls.includes('video r 0,1'); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(calls).toContain('video r 0,1');
    } finally {
      await worker.close();
      await queue.close();
    }
  });

  it('says clearly when Redis cannot be reached', { timeout: 60_000 }, async () => {
    const { connectedWithin } = await import('../src/connect-timeout.js');
    await expect(connectedWithin(new Promise(() => undefined), 'redis://u:pw@127.0.0.1:1', 200)).rejects.toThrow('cannot reach Redis at redis://u:***@127.0.0.1:1 within 0.2 s');
  });
});
