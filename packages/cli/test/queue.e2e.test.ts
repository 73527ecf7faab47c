import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRedisServer, skipReason, startRedisServer, type TestRedisServer } from '@vidseg/test-support';
import type { VideoRecord } from '@vidseg/queue';
import { writeSyntheticInput, writeTinyModel, type SyntheticInput } from '../bench/archive-fixtures.js';
import { runCli, VIDSEG_BIN, workspace } from './run-cli.js';

const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
/** Whether this process may mount a tmpfs (root in a container that allows it): the full-disk test needs a tiny file system. */
const canMount = process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;
const available = hasRedisServer() && hasFfmpeg;
const why = skipReason(hasRedisServer(), 'redis-server', 'install Debian\'s redis-server') || skipReason(hasFfmpeg, 'ffmpeg', 'install ffmpeg');

/** Every file under `dir`, relative, sorted. */
function files(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else found.push(relative(dir, path));
    }
  };
  walk(dir);
  return found.sort();
}

interface Worker {
  readonly child: ChildProcess;
  stderr: string;
  readonly exited: Promise<number | null>;
}

function startWorker(args: readonly string[], cwd: string): Worker {
  const child = spawn(process.execPath, [VIDSEG_BIN, 'worker', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  const worker: Worker = { child, stderr: '', exited: new Promise((resolve) => child.on('close', (code) => resolve(code))) };
  child.stderr.on('data', (chunk: Buffer) => (worker.stderr += chunk.toString()));
  child.stdout.resume();
  return worker;
}

function waitFor(worker: Worker, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      const match = pattern.exec(worker.stderr);
      if (match) return resolve(match);
      if (Date.now() - started > timeoutMs) return reject(new Error(`worker never printed ${pattern}; stderr:\n${worker.stderr}`));
      setTimeout(check, 20);
    };
    check();
  });
}

describe.skipIf(!available)(`vidseg queue + vidseg worker on a real Redis${why}`, () => {
  let redis: TestRedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('segments 12 inputs with 3 workers, one killed mid-job, every output once and byte-identical to vidseg infer', { timeout: 900_000 }, async () => {
    const dir = workspace({});
    writeTinyModel(join(dir, 'model.onnx'));
    const inputs: SyntheticInput[] = [];
    // The first input is larger, so the job the first worker takes lasts long enough to be killed mid-way.
    inputs.push(await writeSyntheticInput(dir, 'large', 'video', 12, [180, 240], 100));
    for (let i = 1; i < 12; i++) inputs.push(await writeSyntheticInput(dir, `clip${i}`, i % 2 === 0 ? 'video' : 'frames', 5 + (i % 4), [48, 64], i));
    writeFileSync(join(dir, 'broken.mp4'), 'this is not a video');

    for (const input of inputs) {
      const reference = runCli(['infer', '--model', 'model.onnx', '--input', input.path, '--out', join('reference', input.name)], dir);
      expect(reference.status, reference.stderr).toBe(0);
    }

    const redisFlags = ['--redis', redis.url];
    const added = runCli(['queue', 'add', '--model', 'model.onnx', '--out', 'out', '--chunk-frames', '4', '--attempts', '2', '--retry-delay', '0.2', ...redisFlags, ...inputs.map((i) => i.path), 'broken.mp4'], dir);
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^12 of 13 inputs added|13 of 13 inputs added/m);
    expect(added.stderr).toMatch(/warning: cannot read video .*broken\.mp4/);

    // A short lock so the killed worker's job comes back soon; long enough that a loaded machine does not lose live locks.
    const workerFlags = [...redisFlags, '--lock-duration', '8', '--stalled-interval', '1', '--exit-when-empty'];
    const doomed = startWorker(workerFlags, dir);
    const [, killedJob] = await waitFor(doomed, /start (\S+): chunk 0 \(frames 0\.\.3\) of .*large\.mp4/, 120_000);
    doomed.child.kill('SIGKILL');
    expect(await doomed.exited).toBe(null);
    expect(doomed.stderr).not.toMatch(new RegExp(`done ${killedJob}`));

    const workers = [startWorker(workerFlags, dir), startWorker(workerFlags, dir)];
    const codes = await Promise.all(workers.map((w) => w.exited));
    expect(codes, workers.map((w) => w.stderr).join('\n---\n')).toEqual([0, 0]);

    // Exactly once: every job was completed by one worker, the killed one's job by another.
    const logs = [doomed, ...workers].map((w) => w.stderr).join('\n');
    const completions = [...logs.matchAll(/^done (\S+):/gm)].map((m) => m[1]!);
    const chunkJobs = inputs.reduce((sum, input) => sum + Math.ceil(input.frames / 4), 0);
    expect(completions).toHaveLength(chunkJobs + inputs.length);
    expect(new Set(completions).size).toBe(completions.length);
    expect(completions).toContain(killedJob);

    for (const input of inputs) {
      const out = join(dir, 'out', input.name);
      const reference = join(dir, 'reference', input.name);
      expect(files(out), input.name).toEqual([...files(reference), 'segmentation.json'].sort());
      for (const file of files(reference)) expect(readFileSync(join(out, file)).equals(readFileSync(join(reference, file))), `${input.name}/${file}`).toBe(true);
      const record = JSON.parse(readFileSync(join(out, 'segmentation.json'), 'utf8')) as VideoRecord;
      expect(record.frames).toBe(input.frames);
      expect(record.chunks).toBe(Math.ceil(input.frames / 4));
      expect(record.labelFree.pairs).toBe(input.frames - 1);
      expect(record.labelFree.unchangedPixelShare).toBeGreaterThan(0);
      expect(record.labelFree.unchangedPixelShare).toBeLessThanOrEqual(1);
    }
    expect(existsSync(join(dir, 'out', 'broken'))).toBe(false);

    const status = runCli(['queue', 'status', ...redisFlags], dir);
    expect(status.status, status.stderr).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`0 waiting, 0 active, 0 delayed .* ${chunkJobs + inputs.length} completed, 1 failed`));
    expect(status.stdout).toMatch(/failed {2}chunk 0 of .*broken\.mp4 after 2 attempts: cannot read video .*broken\.mp4: ffprobe says: [\s\S]*Invalid data found when processing input/);
    expect(status.stdout).toMatch(/^archive: 12 inputs, \d+ frames/m);

    const again = runCli(['queue', 'add', '--model', 'model.onnx', '--out', 'out', '--chunk-frames', '4', '--attempts', '2', ...redisFlags, inputs[1]!.path], dir);
    expect(again.stdout).toMatch(/^done before \(same model, input and options\): /m);
    expect(again.stdout).toMatch(/^0 of 1 inputs added/m);
  });

  it('finishes the job it holds on SIGTERM, then exits 0', { timeout: 600_000 }, async () => {
    const dir = workspace({});
    writeTinyModel(join(dir, 'model.onnx'));
    const input = await writeSyntheticInput(dir, 'large', 'video', 12, [180, 240], 5);
    const flags = ['--redis', redis.url, '--queue', 'sigterm'];
    expect(runCli(['queue', 'add', '--model', 'model.onnx', '--out', 'out', '--chunk-frames', '12', ...flags, input.path], dir).status).toBe(0);
    const worker = startWorker(flags, dir);
    const [, job] = await waitFor(worker, /start (\S+): chunk 0/, 120_000);
    worker.child.kill('SIGTERM');
    expect(await worker.exited, worker.stderr).toBe(0);
    expect(worker.stderr).toMatch(/SIGTERM: finishing the jobs this worker holds/);
    expect(worker.stderr).toMatch(new RegExp(`done ${job}: chunk 0`));
    expect(readdirSync(join(dir, 'out', 'large', 'labels'))).toHaveLength(12);
  });

  it.skipIf(!canMount)(`fails the job, not the worker, when the output disk is full${canMount ? '' : ' (skipped: mounting a small tmpfs needs root)'}`, { timeout: 600_000 }, async () => {
    const dir = workspace({});
    writeTinyModel(join(dir, 'model.onnx'));
    const first = await writeSyntheticInput(dir, 'first', 'frames', 8, [48, 64], 1);
    const second = await writeSyntheticInput(dir, 'second', 'frames', 4, [48, 64], 2);
    const full = join(dir, 'full');
    mkdirSync(full);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', full]);
    expect(mounted.status, mounted.stderr.toString()).toBe(0);
    try {
      const flags = ['--redis', redis.url, '--queue', 'disk'];
      expect(runCli(['queue', 'add', '--model', 'model.onnx', '--out', full, '--attempts', '2', '--retry-delay', '0.1', ...flags, first.path], dir).status).toBe(0);
      expect(runCli(['queue', 'add', '--model', 'model.onnx', '--out', 'out', ...flags, second.path], dir).status).toBe(0);
      const worker = startWorker([...flags, '--exit-when-empty'], dir);
      expect(await worker.exited, worker.stderr).toBe(0);
      expect(worker.stderr).toMatch(/failed \S+ \(attempt 2 of 2, final\): chunk 0 .*first: .*ENOSPC: no space left on device/);
      expect(readdirSync(join(dir, 'out', 'second', 'labels'))).toHaveLength(4);
      const status = runCli(['queue', 'status', ...flags], dir);
      expect(status.stdout).toMatch(/2 completed, 1 failed/);
      expect(status.stdout).toMatch(/ENOSPC/);
      expect(readdirSync(join(full, 'first', 'labels')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    } finally {
      spawnSync('umount', [full]);
    }
  });
});

describe('loading', () => {
  it('other commands never load BullMQ or ioredis (only vidseg queue and vidseg worker do)', { timeout: 120_000 }, () => {
    // A module resolve hook that reports every bullmq/ioredis module the process loads.
    const dir = workspace({
      'report-loads.mjs': `export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (/node_modules\\/(bullmq|ioredis)\\//.test(result.url)) process.stderr.write('LOADED ' + result.url + '\\n');
  return result;
}`,
      'register.mjs': `import { register } from 'node:module';\nregister(new URL('./report-loads.mjs', import.meta.url));`,
    });
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', join(dir, 'register.mjs'), VIDSEG_BIN, ...args], { cwd: dir, encoding: 'utf8' });
    const list = run('list', 'model');
    expect(list.status, list.stderr).toBe(0);
    expect(list.stderr).not.toMatch(/LOADED/);
    const queue = run('queue', 'drain', '--redis', 'not-a-url');
    expect(queue.status).toBe(2);
    expect(queue.stderr).toMatch(/LOADED .*node_modules\/bullmq\//);
  });
});
