import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { exportOnnx, resolveRuntime } from '@vidseg/backend-ort';
import { overlayLabels, type ImageFrame, type LabelMap, type Palette, type Preprocessing } from '@vidseg/core';
import { buildTiny, initializeParameters } from '@vidseg/models';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedDependencyClosure, packagesOfModules } from './package-graph.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PROGRAM = join(PACKAGE_DIR, 'dist', 'segment-frames.js');
const MAKE_FRAMES = join(PACKAGE_DIR, 'dist', 'make-frames.js');
const RECORD_MODULES = pathToFileURL(join(PACKAGE_DIR, 'test', 'module-log', 'record-modules.mjs')).href;
const FORBIDDEN = /^@tensorflow\/|opencv/;

/** A palette unlike CamVid's, so an overlay drawn with any other palette fails the comparison. */
function testPalette(classes: readonly string[]) {
  type Rgb = [number, number, number];
  const colors = classes.map((_, c): Rgb => [(40 + 23 * c) % 256, (200 + 71 * c) % 256, (13 * c * c) % 256]);
  return { name: 'quickstart-test', classes, colors, ignoreLabel: 255, ignoreColor: [0, 0, 0] as Rgb } satisfies Palette;
}

/** The model's label map computed independently: float input normalised here, logits from ONNX Runtime (web), argmax here. */
async function referenceLabels(logitsModel: Uint8Array, frame: ImageFrame, preprocessing: Preprocessing): Promise<LabelMap> {
  const { width, height } = frame;
  const pixels = width * height;
  const input = new Float32Array(3 * pixels);
  for (let k = 0; k < 3; k++) {
    const source = preprocessing.channelOrder === 'RGB' ? k : 2 - k;
    for (let p = 0; p < pixels; p++) {
      input[k * pixels + p] = ((frame.data[3 * p + source]! - preprocessing.mean[k]) / preprocessing.std[k]) * preprocessing.scale;
    }
  }
  const session = await (await resolveRuntime('ort-web')).createSession(logitsModel);
  const { logits } = await session.run({ image: { type: 'float32', dims: [1, 3, height, width], data: input } });
  await session.release();
  const scores = logits!.data as Float32Array;
  const classes = logits!.dims[1]!;
  const labels = new Uint8Array(pixels);
  for (let p = 0; p < pixels; p++) {
    for (let c = 1; c < classes; c++) if (scores[c * pixels + p]! > scores[labels[p]! * pixels + p]!) labels[p] = c;
  }
  return { width, height, data: labels };
}

async function readRgb(path: string): Promise<ImageFrame> {
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(3);
  return { width: info.width, height: info.height, channels: 3, data };
}

const node = (args: readonly string[], env: Record<string, string> = {}) => promisify(execFile)(process.execPath, args, { env: { ...process.env, ...env } });

describe('quickstart: segment-frames.js', { timeout: 600_000 }, () => {
  let work: string;
  let frames: ImageFrame[];
  let logitsModel: Uint8Array;
  let stdout: string;
  const model = buildTiny({ width: 8 });
  const weights = initializeParameters(model.graph, 3);
  const palette = testPalette(model.classes);

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'vidseg-quickstart-'));
    await writeFile(join(work, 'model.onnx'), exportOnnx(model, weights, { image: 'rgb', outputs: ['labels'], inputSize: 'dynamic', palette }));
    logitsModel = exportOnnx(model, weights, { outputs: ['logits'], inputSize: 'dynamic' });
    await node([MAKE_FRAMES, join(work, 'frames'), '3', '48', '64']);
    await writeFile(join(work, 'frames', 'notes.txt'), 'not an image');
    frames = await Promise.all([0, 1, 2].map((t) => readRgb(join(work, 'frames', `frame-000${t}.png`))));
    const run = await node(['--import', RECORD_MODULES, PROGRAM, join(work, 'model.onnx'), join(work, 'frames'), join(work, 'overlays')], {
      MODULE_LOG: join(work, 'modules.log'),
    });
    stdout = run.stdout;
  }, 600_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('writes one overlay per frame, equal to overlayLabels of the argmax with the palette stored in the model', async () => {
    expect(stdout).toMatch(/^segmented 3 frames on ort-(node|web) /);
    expect((await readdir(join(work, 'overlays'))).sort()).toEqual(['frame-0000.png', 'frame-0001.png', 'frame-0002.png']);
    for (const [t, frame] of frames.entries()) {
      const labels = await referenceLabels(logitsModel, frame, model.preprocessing);
      expect(new Set(labels.data).size, 'the random network should predict several classes').toBeGreaterThan(1);
      const expected = overlayLabels(frame, labels, palette, 0.5).data;
      const written = (await readRgb(join(work, 'overlays', `frame-000${t}.png`))).data;
      expect(written.length).toBe(expected.length);
      let equalPixels = 0;
      for (let p = 0; p < written.length; p += 3) {
        if (written[p] === expected[p] && written[p + 1] === expected[p + 1] && written[p + 2] === expected[p + 2]) equalPixels++;
      }
      // Two runtimes (the program's auto choice and ort-web here) may break a near-tie differently.
      expect(equalPixels / (written.length / 3)).toBeGreaterThanOrEqual(0.999);
    }
  });

  it('loads ONNX Runtime, @vidseg/backend-ort and @vidseg/core, and never tfjs, OpenCV or the training packages', async () => {
    const loaded = packagesOfModules((await readFile(join(work, 'modules.log'), 'utf8')).split('\n').filter(Boolean), REPO_ROOT);
    expect(loaded).toContain('@vidseg/backend-ort');
    expect(loaded).toContain('@vidseg/core');
    expect([...loaded].some((name) => name.startsWith('onnxruntime-'))).toBe(true);
    const vidseg = [...loaded].filter((name) => name.startsWith('@vidseg/')).sort();
    // backend-ort's exporter reads the graph description of @vidseg/models (plain TypeScript).
    expect(vidseg).toEqual(['@vidseg/backend-ort', '@vidseg/core', '@vidseg/models']);
    expect([...loaded].filter((name) => FORBIDDEN.test(name))).toEqual([]);
  });

  it('installs no tfjs or OpenCV: the dependency closure of its package.json', () => {
    const closure = installedDependencyClosure(PACKAGE_DIR);
    expect(closure).toContain('@vidseg/backend-ort');
    expect(closure).toContain('onnxruntime-web');
    expect([...closure].filter((name) => FORBIDDEN.test(name) || ['@vidseg/backend-tfjs', '@vidseg/data', '@vidseg/flow'].includes(name))).toEqual([]);
  });

  it('is the program the README shows', async () => {
    const readme = await readFile(join(PACKAGE_DIR, 'README.md'), 'utf8');
    const program = await readFile(join(PACKAGE_DIR, 'src', 'segment-frames.ts'), 'utf8');
    expect(readme).toContain(`\`\`\`ts\n${program}\`\`\``);
  });
});
