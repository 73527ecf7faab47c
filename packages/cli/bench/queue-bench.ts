/**
 * Benchmark of the vidseg archive queue: videos/s and frames/s with 1 and 2 worker processes on this
 * machine (ESPNet-CamVid at 360x480, random weights, on synthetic clips written as H.264 videos),
 * the queue's own time per job (from jobs that do almost nothing: a 1-channel model on 16x16
 * frames), and a paper estimate for N machines. Starts its own redis-server on a free port.
 *
 *   npm run bench:queue -w @vidseg/cli [-- --videos 6 --frames 20 --chunk-frames 10 --trivial 30 --rounds 2]
 *
 * Rounds interleave 1 and 2 workers, so load from other processes falls on both alike.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { summarizeArchive, type VideoRecord } from '@vidseg/queue';
import { startRedisServer } from '@vidseg/test-support';
import { writeEspnetModel, writeSyntheticInput, writeTinyModel, type SyntheticInput } from './archive-fixtures.js';

const BIN = fileURLToPath(new URL('../bin/vidseg.js', import.meta.url));

function vidseg(args: readonly string[], cwd: string): string {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vidseg ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  return result.stdout;
}

function worker(args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'worker', '--exit-when-empty', ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}: ${stderr.slice(-2000)}`))));
  });
}

/** Queues `inputs` on a fresh queue, runs `workers` worker processes until it is empty, and reads the records. */
async function run(dir: string, redis: string, queue: string, model: string, inputs: readonly SyntheticInput[], workers: number, extra: readonly string[]): Promise<VideoRecord[]> {
  const flags = ['--redis', redis, '--queue', queue];
  vidseg(['queue', 'add', '--model', model, '--out', join(dir, queue), ...extra, ...flags, ...inputs.map((i) => i.path)], dir);
  await Promise.all(Array.from({ length: workers }, () => worker(flags, dir)));
  return inputs.map((input) => JSON.parse(readFileSync(join(dir, queue, input.name, 'segmentation.json'), 'utf8')) as VideoRecord);
}

const { values } = parseArgs({ options: { videos: { type: 'string' }, frames: { type: 'string' }, 'chunk-frames': { type: 'string' }, trivial: { type: 'string' }, rounds: { type: 'string' } } });
const videos = Number(values.videos ?? 6);
const frames = Number(values.frames ?? 20);
const chunkFrames = Number(values['chunk-frames'] ?? 10);
const trivialInputs = Number(values.trivial ?? 30);
const rounds = Number(values.rounds ?? 2);

console.log(`vidseg queue benchmark: ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} logical cores), Node ${process.version}, onnxruntime-node 1 thread per worker`);
console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const dir = mkdtempSync(join(tmpdir(), 'vidseg-queue-bench-'));
const redis = await startRedisServer();
try {
  writeEspnetModel(join(dir, 'espnet.onnx'));
  writeTinyModel(join(dir, 'trivial.onnx'), 1);
  const clips: SyntheticInput[] = [];
  for (let i = 0; i < videos; i++) clips.push(await writeSyntheticInput(dir, `clip${i}`, 'video', frames, [360, 480], i));
  const trivial: SyntheticInput[] = [];
  for (let i = 0; i < trivialInputs; i++) trivial.push(await writeSyntheticInput(dir, `tiny${i}`, 'frames', 2, [16, 16], i));

  const rows: string[] = [];
  const framesPerSecondOf = new Map<number, number[]>();
  for (let round = 1; round <= rounds; round++) {
    for (const workers of [1, 2]) {
      const records = await run(dir, redis.url, `espnet-${workers}-${round}`, 'espnet.onnx', clips, workers, ['--chunk-frames', String(chunkFrames)]);
      const summary = summarizeArchive(records);
      const chunkMsPerFrame = records.reduce((sum, r) => sum + r.wallMsPerFrame * r.frames, 0) / summary.frames;
      framesPerSecondOf.set(workers, [...(framesPerSecondOf.get(workers) ?? []), summary.framesPerSecond]);
      rows.push(`| ${round} | ${workers} | ${summary.videos} x ${frames} frames, 360x480, chunks of ${chunkFrames} | ${summary.wallSeconds.toFixed(1)} | ${summary.videosPerSecond.toFixed(3)} | ${summary.framesPerSecond.toFixed(2)} | ${summary.msPerFrame.toFixed(1)} | ${chunkMsPerFrame.toFixed(1)} | ${loadavg()[0]!.toFixed(1)} |`);
    }
  }
  const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const framesPerSecond1 = mean(framesPerSecondOf.get(1)!);
  const msPerFrame1 = 1000 / framesPerSecond1;
  console.log('\n| round | workers | inputs | wall s | videos/s | frames/s | segment ms/frame | chunk job ms/frame | load avg after |');
  console.log('| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) console.log(row);
  console.log(`mean frames/s: 1 worker ${framesPerSecond1.toFixed(2)}, 2 workers ${mean(framesPerSecondOf.get(2)!).toFixed(2)} (${(mean(framesPerSecondOf.get(2)!) / framesPerSecond1).toFixed(2)}x)`);
  console.log('wall: first chunk started to last merge finished (worker start-up of the later workers included); segment: Segmenter.segment per frame; chunk job: decode + segment + overlay + 2 PNGs + atomic writes, per frame, inside the job');

  const records = await run(dir, redis.url, 'trivial', 'trivial.onnx', trivial, 1, ['--chunk-frames', '2', '--no-overlays']);
  const summary = summarizeArchive(records);
  const jobs = 2 * records.length; // a chunk job and a merge job per input
  const handlerMs = records.reduce((sum, r) => sum + r.wallMsPerFrame * r.frames + r.mergeMs, 0);
  const overheadMs = (summary.wallSeconds * 1000 - handlerMs) / jobs;
  console.log('\n| queue overhead (trivial jobs, 1 worker) | value |');
  console.log('| --- | ---: |');
  console.log(`| inputs (1 chunk job + 1 merge job each; 2 frames of 16x16, 1-channel tiny model, labels only) | ${records.length} |`);
  console.log(`| wall time for all jobs, s | ${summary.wallSeconds.toFixed(2)} |`);
  console.log(`| inside the jobs (open input, segment, write; merge), ms per job | ${(handlerMs / jobs).toFixed(1)} |`);
  console.log(`| **queue's own time per job** (fetch, lock, progress, complete, flow bookkeeping), ms | **${overheadMs.toFixed(1)}** |`);

  console.log(`\nPaper estimate for N machines like this one (one worker each, as one core of compute gives here), from the measured ${msPerFrame1.toFixed(1)} ms per frame end to end with 1 worker (mean of the rounds) (queue time included);`);
  console.log('it assumes the shared output storage and the network keep up and that Redis is not the bottleneck (each job costs it about the overhead above, spread over a chunk):');
  console.log('\n| machines | frames/s | jobs/s reaching Redis | hours for 1 M frames |');
  console.log('| ---: | ---: | ---: | ---: |');
  for (const machines of [1, 2, 4, 8, 16, 32, 64]) {
    const fps = machines * framesPerSecond1;
    console.log(`| ${machines} | ${fps.toFixed(1)} | ${(fps / chunkFrames).toFixed(2)} | ${(1e6 / fps / 3600).toFixed(1)} |`);
  }
} finally {
  await redis.stop();
}
