import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { CheckpointStore } from '@vidseg/backend-tfjs';
import { writePng } from '@vidseg/data';
import { skipReason } from '@vidseg/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { readRunLog } from '../src/run/read-run-log.js';
import { MOUNT_FALLBACK, mountReadOnly, mountTmpfs, unmount } from './mounts.js';
import { runCli, TINY_CONFIG, VIDSEG_BIN, workspace, type CliResult } from './run-cli.js';

const built = existsSync(VIDSEG_BIN);
const REPO = join(dirname(VIDSEG_BIN), '..', '..', '..', '..');
const LONG = { timeout: 600_000 };
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

/** Probes once whether this process may mount (root outside a locked-down container). */
const canMount = (() => {
  const probe = mkdtempSync(join(tmpdir(), 'vidseg-mount-probe-'));
  const mounted = mountTmpfs(probe, '64k');
  if (mounted) unmount(probe);
  rmSync(probe, { recursive: true, force: true });
  return mounted;
})();
const mounted: string[] = [];
afterAll(() => mounted.forEach(unmount));

/** The failure contract: exit `code`, one `error:` line (plus an optional hint), no stack trace. */
function expectCleanFailure(result: CliResult, code: number, message: RegExp): void {
  expect(result.status, result.stderr).toBe(code);
  const errors = result.stderr.split('\n').filter((line) => line.startsWith('error:') || line.startsWith('internal error'));
  expect(errors, result.stderr).toHaveLength(1);
  expect(errors[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

const stepLosses = async (run: string) => new Map((await readRunLog(join(run, 'log.jsonl'))).filter((r) => r.event === 'step').map((r) => [r.step, r.loss]));

/**
 * A loss plugin that behaves as a wasm engine that runs out of memory: it throws WebAssembly's
 * "memory access out of bounds" trap on its `failAt`-th call (one call per step here).
 */
function abortingLossPlugin(): string {
  const core = pathToFileURL(join(REPO, 'packages', 'core', 'dist', 'index.js')).href;
  const backend = join(REPO, 'packages', 'backend-tfjs', 'package.json');
  return `
import { createRequire } from 'node:module';
import { pluginRegistry } from '${core}';
const require = createRequire(${JSON.stringify(backend)});
const tf = await import(require.resolve('@tensorflow/tfjs-core'));
const { z } = require('zod');
class AbortingLoss {
  name = 'aborting';
  requires = { labels: false, neighbours: false, teacher: false, features: false, triplet: false };
  calls = 0;
  constructor(options) { this.failAt = options.failAt; }
  compute(inputs) {
    if (++this.calls === this.failAt) throw new WebAssembly.RuntimeError('memory access out of bounds');
    return tf.mul(tf.sum(inputs.student[0].logits), 0);
  }
}
export function register(container) {
  pluginRegistry(container).add({
    kind: 'loss', name: 'aborting', packageName: 'fault-test', description: 'throws a wasm trap on its failAt-th call',
    options: z.object({ failAt: z.number().int() }), factory: (options) => new AbortingLoss(options),
  });
}
`;
}

/** A true greyscale PNG (colour type 0), written by hand: the project's encoder writes grey rasters as RGB. */
function greyPng(width: number, height: number, value: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.alloc((width + 1) * height, value);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0; // filter type None
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** A small CamVid (SegNet layout) of 64x48 frames with the given frame names per split; returns its root. */
async function writeCamvid(splits: Record<string, readonly string[]>): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'vidseg-camvid-'));
  for (const [split, names] of Object.entries(splits)) {
    mkdirSync(join(root, split));
    mkdirSync(join(root, `${split}annot`));
    for (const [i, name] of names.entries()) {
      await writePng(join(root, split, `${name}.png`), { width: 64, height: 48, channels: 3, data: Uint8Array.from({ length: 64 * 48 * 3 }, (_, p) => (p * 7 + i * 31) % 256) });
      await writePng(join(root, `${split}annot`, `${name}.png`), { width: 64, height: 48, data: Uint8Array.from({ length: 64 * 48 }, (_, p) => (p + i) % 11) });
    }
    writeFileSync(join(root, `${split}.txt`), names.map((name) => `${split}/${name}.png ${split}annot/${name}.png\n`).join(''));
  }
  return root;
}

describe.skipIf(!built)(`faults and bad input through the binary${skipReason(built, VIDSEG_BIN, 'run npm run build')}`, () => {
  it(`a full disk (2 MB tmpfs) during a checkpoint: one line, exit 4, no partial checkpoint left; freeing one checkpoint's room is enough to --resume${canMount ? '' : ` (skipped: ${MOUNT_FALLBACK}; CheckpointStore's simulated ENOSPC test covers the cleanup)`}`, LONG, async () => {
    if (!canMount) return;
    const dir = workspace({ 'c.yaml': TINY_CONFIG.replace('{ type: tiny, width: 8 }', '{ type: tiny, width: 80 }') });
    const disk = join(dir, 'disk');
    expect(mountTmpfs(disk, '2m')).toBe(true);
    mounted.push(disk);
    const full = runCli(['train', '-c', 'c.yaml', '--run-dir', 'disk/run'], dir);
    expectCleanFailure(full, 4, /^error: no space left on the device: .*disk\/run\/.* \[ENOSPC\]$/);
    const checkpoints = join(disk, 'run', 'checkpoints');
    expect(readdirSync(checkpoints).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
    const kept = readdirSync(checkpoints).filter((name) => name.startsWith('step-')).sort();
    expect(kept.length).toBeGreaterThan(1);
    rmSync(join(checkpoints, kept[0]!), { recursive: true });
    const resumed = runCli(['train', '--resume', '--run-dir', 'disk/run'], dir);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(existsSync(join(disk, 'run', 'model.onnx'))).toBe(true);
  });

  it(`a read-only run folder: one line naming it, exit 4, nothing created${canMount ? ' (a read-only bind mount)' : process.getuid?.() === 0 ? ` (skipped: ${MOUNT_FALLBACK} and chmod does not stop root)` : ' (a chmod 555 folder)'}`, LONG, () => {
    const dir = workspace({ 'c.yaml': TINY_CONFIG });
    const locked = join(dir, 'locked');
    if (canMount) {
      expect(mountReadOnly(locked)).toBe(true);
      mounted.push(locked);
    } else if (process.getuid?.() !== 0) {
      mkdirSync(locked);
      chmodSync(locked, 0o555);
    } else return;
    const result = runCli(['train', '-c', 'c.yaml', '--run-dir', 'locked/run'], dir);
    expectCleanFailure(result, 4, canMount ? /^error: read-only file system: .*locked .*\[EROFS\]$/ : /^error: permission denied: .*locked .*\[EACCES\]$/);
    expect(existsSync(join(locked, 'run'))).toBe(false);
  });

  it('a missing --weights file or a folder in its place: exit 4 naming it, like a missing model', LONG, () => {
    const dir = workspace({ 'c.yaml': TINY_CONFIG });
    mkdirSync(join(dir, 'folder.safetensors'));
    expectCleanFailure(runCli(['export', '-c', 'c.yaml', '--weights', 'nope.safetensors', '--out', 'm.onnx'], dir), 4, /^error: weights file not found: .*nope\.safetensors$/);
    expectCleanFailure(runCli(['eval', '-c', 'c.yaml', '--weights', 'folder.safetensors'], dir), 4, /^error: .*folder\.safetensors is a folder; --weights takes a safetensors file$/);
    expect(existsSync(join(dir, 'm.onnx'))).toBe(false);
  });

  it('a damaged latest checkpoint: --resume warns and continues from the newest intact one to the same losses; --checkpoint picks one; none intact gives a hint', LONG, async () => {
    const dir = workspace({ 'c.yaml': TINY_CONFIG });
    expect(runCli(['train', '-c', 'c.yaml', '--run-dir', 'run'], dir).status).toBe(0);
    const original = await stepLosses(join(dir, 'run'));
    cpSync(join(dir, 'run'), join(dir, 'copy'), { recursive: true });
    const checkpoints = join(dir, 'run', 'checkpoints');
    const tensors = join(checkpoints, 'step-00000006', 'state.safetensors');
    const bytes = readFileSync(tensors);
    bytes[bytes.length - 5]! ^= 0x10; // one flipped bit in a weight
    writeFileSync(tensors, bytes);

    const resumed = runCli(['train', '--resume', '--run-dir', 'run'], dir);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/warning: resume: .*step-00000006\/state\.safetensors: size or SHA-256 differs/);
    expect(resumed.stderr).toMatch(/continuing from the newest intact checkpoint, .*step-00000004 \(step 4\)/);
    expect(await stepLosses(join(dir, 'run'))).toEqual(original);
    // The reported time is the whole run's: the first session's plus this one's.
    const [, total, session] = /^trained 6 steps in ([\d.]+) s \(([\d.]+) s in this session\)/.exec(resumed.stdout)!.map(Number);
    expect(total).toBeGreaterThan(session!);
    expect(readdirSync(checkpoints).some((name) => name.startsWith('damaged-step-00000006-'))).toBe(true);
    expect((await CheckpointStore.load(join(checkpoints, 'step-00000006'))).step).toBe(6);

    const chosen = runCli(['train', '--resume', '--run-dir', 'copy', '--checkpoint', 'step-00000002'], dir);
    expect(chosen.status, chosen.stderr).toBe(0);
    expect(chosen.stderr).toMatch(/resumed from .*copy\/checkpoints\/step-00000002 at step 2/);
    expect(await stepLosses(join(dir, 'copy'))).toEqual(original);

    for (const name of readdirSync(join(dir, 'copy', 'checkpoints')).filter((n) => n.startsWith('step-'))) {
      writeFileSync(join(dir, 'copy', 'checkpoints', name, 'state.safetensors'), 'truncated');
    }
    const none = runCli(['train', '--resume', '--run-dir', 'copy'], dir);
    expectCleanFailure(none, 4, /^error: no intact checkpoint in .*copy\/checkpoints; every kept one is damaged:$/);
    expect(none.stderr).toMatch(/hint: restore the checkpoints from a copy, or start over in a new run folder/);
  });

  it('train.inputSize=[8000,8000] is refused before training with the estimate and what to lower, leaving no run', LONG, () => {
    const dir = workspace({ 'c.yaml': TINY_CONFIG });
    const result = runCli(['train', '-c', 'c.yaml', '--set', 'train.inputSize=[8000,8000]', '--run-dir', 'big'], dir);
    expectCleanFailure(result, 3, /^error: train\.inputSize: one training step needs about [\d.]+ GiB \(4 images of 8000x8000, .*more than the wasm engine's 4 GiB heap/);
    expect(result.stderr).toMatch(/hint: lower train\.inputSize \(e\.g\. --set train\.inputSize=\[\d+,\d+\] with train\.batchSize 1\)/);
    expect(result.stderr).not.toMatch(/checkpoint:|train\s+\d/);
    expect(existsSync(join(dir, 'big'))).toBe(false);
  });

  it('failures after the run folder is made: bad teacher weights leave no run, so the same command runs again as it is', LONG, () => {
    const teacher = "teacher: { type: zoo, model: { type: tiny, width: 8 }, weights: ./teacher.safetensors }\nlosses:\n  - { type: cross-entropy }\n  - { type: pixel-wise, weight: 0.5 }\n";
    const dir = workspace({ 'c.yaml': TINY_CONFIG.replace(/losses:\n(  - .*\n)+/, teacher), 'teacher.safetensors': 'not safetensors' });
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = runCli(['train', '-c', 'c.yaml', '--run-dir', 'run'], dir);
      expectCleanFailure(result, 4, /teacher\.safetensors/);
      expect(existsSync(join(dir, 'run')), `attempt ${attempt}`).toBe(false);
    }
  });

  it('an engine abort (wasm "memory access out of bounds"): a config error with what to lower; before the first checkpoint no run is left, after it the run is kept for --resume', LONG, () => {
    const early = TINY_CONFIG.replace("losses:\n", "plugins: ['./aborting-loss.mjs']\nlosses:\n  - { type: aborting, failAt: 1 }\n");
    const dir = workspace({ 'early.yaml': early, 'late.yaml': early.replace('failAt: 1', 'failAt: 3'), 'aborting-loss.mjs': abortingLossPlugin() });
    const first = runCli(['train', '-c', 'early.yaml', '--run-dir', 'early'], dir);
    expectCleanFailure(first, 3, /^error: the compute engine ran out of memory or aborted \(memory access out of bounds\)$/);
    expect(first.stderr).toMatch(/hint: lower train\.batchSize or train\.inputSize/);
    expect(existsSync(join(dir, 'early'))).toBe(false);
    const later = runCli(['train', '-c', 'late.yaml', '--run-dir', 'late'], dir);
    expectCleanFailure(later, 3, /memory access out of bounds/);
    expect(later.stderr).toMatch(/the run folder keeps its checkpoints: .*--resume --run-dir .*late/);
    expect(existsSync(join(dir, 'late', 'checkpoints', 'step-00000002'))).toBe(true);
  });

  it('onBadInput: skip in train and eval: undecodable frames are left out, counted and listed at the end', LONG, async () => {
    const root = await writeCamvid({ train: ['A_f00030', 'A_f00060', 'A_f00090'], val: ['B_00100', 'B_00102', 'B_00104'] });
    writeFileSync(join(root, 'train', 'A_f00060.png'), 'not a png');
    writeFileSync(join(root, 'val', 'B_00102.png'), 'not a png');
    const config = `
seed: 3
backend: { type: wasm }
model: { type: tiny, width: 8 }
data:
  train: { type: camvid, root: ${JSON.stringify(root)}, split: train, onBadInput: skip }
  val: { type: camvid, root: ${JSON.stringify(root)}, split: val, onBadInput: skip }
losses: [{ type: cross-entropy }]
train: { steps: 3, batchSize: 2, inputSize: [48, 64], checkpointEvery: 0 }
eval: { metrics: [{ type: miou }] }
`;
    const dir = workspace({ 'c.yaml': config, 'strict.yaml': config.replaceAll(', onBadInput: skip', '') });
    const strict = runCli(['train', '-c', 'strict.yaml', '--run-dir', 'strict'], dir);
    expectCleanFailure(strict, 4, /^error: cannot decode .*A_f00060\.png/);
    expect(existsSync(join(dir, 'strict'))).toBe(false);

    const train = runCli(['train', '-c', 'c.yaml', '--run-dir', 'run'], dir);
    expect(train.status, train.stderr).toBe(0);
    expect(train.stderr).toMatch(/warning: 1 training frame was left out \(onBadInput: skip\):\n\s+- cannot decode .*A_f00060\.png/);
    expect(train.stderr).toMatch(/warning: 1 evaluation frame was left out \(onBadInput: skip\):\n\s+- cannot decode .*B_00102\.png/);
    const metrics = JSON.parse(readFileSync(join(dir, 'run', 'metrics.json'), 'utf8')) as { skipped: { training: unknown[]; evaluation: unknown[] } };
    expect(metrics.skipped.training).toHaveLength(1);
    expect(metrics.skipped.evaluation).toHaveLength(1);

    const evaluated = runCli(['eval', '--run-dir', 'run'], dir);
    expect(evaluated.status, evaluated.stderr).toBe(0);
    expect(evaluated.stdout).toMatch(/\(2 frames,/);
    expect(evaluated.stderr).toMatch(/1 evaluation frame was left out/);
  });

  it('infer: a missing input creates nothing; frames of mixed sizes are named; grey and RGBA frames are converted with a note', LONG, async () => {
    const dir = workspace({ 'c.yaml': TINY_CONFIG });
    expect(runCli(['train', '-c', 'c.yaml', '--run-dir', 'run'], dir).status).toBe(0);
    expectCleanFailure(runCli(['infer', '--model', 'run/model.onnx', '--input', 'nowhere', '--out', 'out'], dir), 4, /^error: input .*nowhere does not exist$/);
    expect(existsSync(join(dir, 'out'))).toBe(false);

    mkdirSync(join(dir, 'frames'));
    const image = (width: number, height: number) => ({ width, height, channels: 3 as const, data: new Uint8Array(width * height * 3).fill(90) });
    await writePng(join(dir, 'frames', 'a.png'), image(64, 48));
    await writePng(join(dir, 'frames', 'b.png'), image(32, 24));
    expectCleanFailure(runCli(['infer', '--model', 'run/model.onnx', '--input', 'frames', '--out', 'mixed'], dir), 4, /^error: frame "b" is 32x24, but the first frame "a" is 64x48: frames of one input must share a size$/);

    mkdirSync(join(dir, 'odd'));
    await writePng(join(dir, 'odd', 'a-rgb.png'), image(64, 48));
    writeFileSync(join(dir, 'odd', 'b-grey.png'), greyPng(64, 48, 120));
    await writePng(join(dir, 'odd', 'c-rgba.png'), { width: 64, height: 48, channels: 4, data: new Uint8Array(64 * 48 * 4).fill(200) });
    const odd = runCli(['infer', '--model', 'run/model.onnx', '--input', 'odd', '--out', 'odd-out'], dir);
    expect(odd.status, odd.stderr).toBe(0);
    expect(odd.stderr).toMatch(/note: 2 frame\(s\) were not RGB and were converted to RGB \(the first: .*b-grey\.png, grey\)/);

  });

  it.skipIf(!hasFfmpeg)(`infer: a video cut short names the frame and suggests --max-frames N, which then works${skipReason(hasFfmpeg, 'ffmpeg', 'install ffmpeg (CI does)')}`, LONG, () => {
    const dir = workspace({ 'c.yaml': TINY_CONFIG });
    expect(runCli(['train', '-c', 'c.yaml', '--run-dir', 'run'], dir).status).toBe(0);
    spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=10', '-frames:v', '60', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', join(dir, 'full.mp4')]);
    const bytes = readFileSync(join(dir, 'full.mp4'));
    writeFileSync(join(dir, 'cut.mp4'), bytes.subarray(0, bytes.length >> 1));
    const cut = runCli(['infer', '--model', 'run/model.onnx', '--input', 'cut.mp4', '--out', 'video'], dir);
    expectCleanFailure(cut, 4, /^error: video .*cut\.mp4: frame \d+ could not be decoded .*the file may be cut short: ffprobe said 60\)$/);
    const decodable = /--max-frames (\d+)/.exec(cut.stderr)![1]!;
    const limited = runCli(['infer', '--model', 'run/model.onnx', '--input', 'cut.mp4', '--out', 'video', '--max-frames', decodable], dir);
    expect(limited.status, limited.stderr).toBe(0);
    expect(limited.stdout).toMatch(new RegExp(`^segmented ${decodable} frames`));
  });
});
