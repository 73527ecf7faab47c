/**
 * Makes the demo's assets: the synthetic clip as WebM with its exact flow, and two small models
 * fine-tuned from `vidseg demo`'s pretrained student the same way (`vidseg demo`'s recipe, read
 * from its config) except for the temporal loss, exported to ONNX,
 * with their figures on the clip, all described in manifest.json. Usage (from the package folder, after `npm run build` at
 * the repository root): `npm run make-assets [-- <output folder, default public/demo>]`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { exportOnnx } from '@vidseg/backend-ort';
import { SyntheticDataset } from '@vidseg/data';
import type { DemoManifest, DemoModel } from '../src/common/demo-manifest.js';
import { packFlows } from '../src/common/packed-flow.js';
import { loadDemoRecipe } from './demo-recipe.js';
import { DEMO_CLIP, DEMO_FPS, DEMO_STUDENT_FILE, DEMO_VIDEO_QUALITY, TRAINING_DATA } from './demo-settings.js';
import { encodeWebm } from './encode-webm.js';
import { evaluateOnClip } from './evaluate-on-clip.js';
import { MemoizedDataset } from './memoized-dataset.js';
import { renderClip } from './render-demo-clip.js';
import { demoLosses, trainDemoModel } from './train-demo-model.js';

const VIDEO_FILE = 'clip.webm';
/** Gzip-compressed files are not named .gz, which static servers (Vite's among them) send with Content-Encoding: gzip. */
const FLOW_FILE = 'clip-flow.bin';
const LABELS_FILE = 'clip-labels.bin';

const log = (line: string) => console.log(line);
const describe = (losses: readonly { type: string; weight?: number }[]) => losses.map((l) => `${l.type} x${l.weight ?? 1}`).join(' + ');
const percent = (value: number) => `${(100 * value).toFixed(1)} %`;

async function main(): Promise<void> {
  const out = process.argv[2] ?? join('public', 'demo');
  await mkdir(join(out, 'models'), { recursive: true });
  const started = Date.now();

  const clip = await renderClip(DEMO_CLIP);
  const { width, height } = clip.frames[0]!;
  const video = await encodeWebm(clip.frames, DEMO_FPS, DEMO_VIDEO_QUALITY);
  const flow = gzipSync(packFlows(clip.flows), { level: 9 });
  const labels = gzipSync(Buffer.concat(clip.labels.map((label) => label.data)), { level: 9 });
  await writeFile(join(out, VIDEO_FILE), video);
  await writeFile(join(out, FLOW_FILE), flow);
  await writeFile(join(out, LABELS_FILE), labels);
  const kib = (bytes: Uint8Array) => `${(bytes.length / 1024).toFixed(0)} KiB`;
  log(`clip: ${clip.frames.length} frames ${width}x${height}, ${VIDEO_FILE} ${kib(video)}, ${FLOW_FILE} ${kib(flow)}, ${LABELS_FILE} ${kib(labels)}`);

  // One training dataset for both runs, so what they draw is rendered once.
  const training = new MemoizedDataset(new SyntheticDataset(TRAINING_DATA));
  const demo = await loadDemoRecipe();
  const { model: student, train, seed } = demo.config;
  const sampler = demo.config.data.sampler as { gaps?: number[] };
  const recipe =
    `${student.type} (width multiplier ${String(student['widthMultiplier'])}, output stride ${String(student['outputStride'])}), fine-tuned from vidseg demo's pretrained student (${DEMO_STUDENT_FILE}), seed ${seed}, wasm: ${train.steps} SGD steps at lr ${train.lr} ` +
    `on batches of ${train.batchSize} pairs (t, t + k), k in {${(sampler.gaps ?? []).join(', ')}}, cropped to ${train.inputSize.join('x')} ` +
    `from ${TRAINING_DATA.clips} synthetic train clips of ${TRAINING_DATA.framesPerClip} frames with vidseg demo's camera artefacts`;
  const losses = demoLosses(demo.config);
  const specs = [
    { id: 'baseline', title: 'Baseline (cross-entropy)', losses: losses.baseline },
    { id: 'temporal', title: 'With the temporal loss (cross-entropy + temporal loss)', losses: losses.temporal },
  ];
  const models: DemoModel[] = [];
  for (const spec of specs) {
    log(`training ${spec.id}: ${describe(spec.losses)}`);
    const trained = await trainDemoModel(demo, spec.losses, training, log);
    const bytes = exportOnnx(trained.model, trained.weights, { inputSize: 'dynamic', image: 'rgba', outputs: ['labels'] });
    const file = `models/${spec.id}.onnx`;
    await writeFile(join(out, file), bytes);
    const figures = await evaluateOnClip(bytes, clip, file);
    log(`  ${trained.seconds.toFixed(0)} s; loss ${trained.loss.first.toFixed(3)} -> ${trained.loss.last.toFixed(3)}; ${file} ${(bytes.length / 1024).toFixed(0)} KiB`);
    log(`  on the clip: mIoU ${percent(figures.miou)}, TC ${percent(figures.tc)}, flow-free TC ${percent(figures.flowFreeTc)}`);
    models.push({
      id: spec.id,
      title: spec.title,
      file,
      training: `${recipe}, with ${describe(spec.losses)}`,
      measured: { miou: figures.miou, tc: figures.tc, flowFreeTc: figures.flowFreeTc },
    });
  }

  const manifest: DemoManifest = {
    clip: { video: VIDEO_FILE, frames: clip.frames.length, fps: DEMO_FPS, width, height, flow: FLOW_FILE, labels: LABELS_FILE, source: { dataset: 'synthetic', ...DEMO_CLIP } },
    models,
  };
  await writeFile(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  log(`wrote ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
