import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readLabelMap, SyntheticDataset, writePng } from '@vidseg/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const CONFIG = join(PACKAGE_DIR, 'configs', 'mini-unet.yaml');
/** The built CLI (`npm run build` at the repository root, which `npm ci` runs). */
const VIDSEG = fileURLToPath(new URL('../../../packages/cli/dist/bin/vidseg.js', import.meta.url));

const vidseg = async (...args: string[]) => (await promisify(execFile)(process.execPath, [VIDSEG, ...args], { cwd: PACKAGE_DIR })).stdout;

/** The example's config, made tiny: 3 steps on 64x48 crops of a few synthetic frames. */
const TINY = [
  'train.steps=3',
  'train.batchSize=2',
  'train.inputSize=[48, 64]',
  'data.train={ type: synthetic, split: train, clips: 2, framesPerClip: 4, size: [48, 64] }',
  'data.val={ type: synthetic, split: val, clips: 1, framesPerClip: 3, size: [48, 64] }',
].flatMap((override) => ['--set', override]);

/** A label PNG the CLI wrote, checked to be 64x48 with CamVid class ids (0..10). */
const readLabels = (path: string) => readLabelMap(path, { classCount: 11, ignoreLabel: 255, width: 64, height: 48 });

describe('the CLI trains, exports and runs the mini-unet plugin', { timeout: 600_000 }, () => {
  let work: string;
  const frameNames = ['frame-0.png', 'frame-1.png', 'frame-2.png'];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'vidseg-custom-backbone-'));
    const clip = new SyntheticDataset({ split: 'test', clips: 1, framesPerClip: 3, size: [48, 64] });
    await mkdir(join(work, 'frames'));
    for (const [t, name] of frameNames.entries()) await writePng(join(work, 'frames', name), (await clip.frame(t)).image);
  });

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('trains a few steps into a run folder with an exported model', async () => {
    expect(await vidseg('train', '-c', CONFIG, ...TINY, '--run-dir', join(work, 'run'))).toMatch(/^trained 3 steps in .*; miou=/);
    const metrics = JSON.parse(await readFile(join(work, 'run', 'metrics.json'), 'utf8')) as { steps: number; model: string };
    expect(metrics).toMatchObject({ steps: 3, model: join(work, 'run', 'model.onnx') });
    expect(JSON.parse(await readFile(join(work, 'run', 'config.json'), 'utf8')).model).toEqual({ type: 'mini-unet', classes: 'camvid', width: 16 });
  });

  it('segments frames with the run model, and the checkpoint exported again (with or without -c) gives the same labels', async () => {
    const atFixedSize = ['--set', 'export.inputSize=[48, 64]'];
    // The README's form, without -c: the run's saved config resolves its plugin path
    // ('../dist/index.js') against configs/, the folder recorded in run.json, not against the
    // working directory (examples/custom-backbone here, where that path leads nowhere).
    expect(await vidseg('export', '--run-dir', join(work, 'run'), '--out', join(work, 'exported.onnx'), ...atFixedSize)).toMatch(
      /^exported mini-unet from .*step-00000003 to .*exported\.onnx .*input \[48,64\], outputs labels/,
    );
    // With -c, that config replaces the run's saved one and its paths resolve against its own folder.
    expect(await vidseg('export', '-c', CONFIG, '--run-dir', join(work, 'run'), '--out', join(work, 'exported-c.onnx'), ...atFixedSize)).toMatch(
      /^exported mini-unet from .*step-00000003 to .*exported-c\.onnx .*input \[48,64\], outputs labels/,
    );
    const models = { 'out-run': join(work, 'run', 'model.onnx'), 'out-exported': join(work, 'exported.onnx'), 'out-exported-c': join(work, 'exported-c.onnx') };
    for (const [out, model] of Object.entries(models)) await vidseg('infer', '--model', model, '--input', join(work, 'frames'), '--out', join(work, out));
    expect((await readdir(join(work, 'out-run', 'overlays'))).sort()).toEqual(frameNames);
    for (const name of frameNames) {
      const labels = await readLabels(join(work, 'out-run', 'labels', name));
      expect(Math.max(...labels.data)).toBeLessThan(11);
      for (const out of ['out-exported', 'out-exported-c']) expect((await readLabels(join(work, out, 'labels', name))).data, `${out}/${name}`).toEqual(labels.data);
    }
  });
});
