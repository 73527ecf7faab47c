/**
 * Makes the demo's assets: the synthetic clip as WebM with its exact flow, and two tiny models
 * trained the same way except for the temporal loss, exported to ONNX, with their figures on the
 * clip, all described in manifest.json. Usage (from the package folder, after `npm run build` at
 * the repository root): `npm run make-assets [-- <output folder, default public/demo>]`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { exportOnnx } from '@vidseg/backend-ort';
import type { DemoManifest, DemoModel } from '../src/common/demo-manifest.js';
import { packFlows } from '../src/common/packed-flow.js';
import { DEMO_CLIP, DEMO_FPS, DEMO_VIDEO_QUALITY, TRAINING_DATA } from './demo-settings.js';
import { encodeWebm } from './encode-webm.js';
import { evaluateOnClip } from './evaluate-on-clip.js';
import { renderClip } from './render-demo-clip.js';
import { DEMO_TRAINING, TRAINING_CROP, trainDemoModel, type TrainingStage } from './train-demo-model.js';

/** Shared pre-training: cross-entropy from the seeded initialisation. */
const PRETRAINING: TrainingStage = { losses: [{ type: 'cross-entropy' }], steps: 200, lr: 0.05 };

/**
 * The two demo models: both fine-tune the pre-trained weights with the same data, seed, steps
 * and learning rate; the second adds the temporal loss (the reference formulation: logits,
 * photometric occlusion mask), weighted so that it is about a sixth of the total loss.
 */
const MODELS: readonly { id: string; title: string; stage: TrainingStage }[] = [
  { id: 'baseline', title: 'Baseline (cross-entropy)', stage: { losses: [{ type: 'cross-entropy' }], steps: 100, lr: 0.02 } },
  {
    id: 'temporal',
    title: 'With the temporal loss (cross-entropy + temporal loss)',
    stage: { losses: [{ type: 'cross-entropy' }, { type: 'temporal', weight: 5 }], steps: 100, lr: 0.02 },
  },
];

const VIDEO_FILE = 'clip.webm';
/** Gzip-compressed files are not named .gz, which static servers (Vite's among them) send with Content-Encoding: gzip. */
const FLOW_FILE = 'clip-flow.bin';
const LABELS_FILE = 'clip-labels.bin';

const log = (line: string) => console.log(line);
const describe = (stage: TrainingStage) => `${stage.steps} steps at lr ${stage.lr} with ${stage.losses.map((l) => `${l.type} x${l.weight ?? 1}`).join(' + ')}`;
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

  log(`pre-training: ${describe(PRETRAINING)}`);
  const pretrained = await trainDemoModel(PRETRAINING, log);
  log(`  ${pretrained.seconds.toFixed(0)} s; loss ${pretrained.loss.first.toFixed(3)} -> ${pretrained.loss.last.toFixed(3)}`);
  const models: DemoModel[] = [];
  for (const spec of MODELS) {
    log(`fine-tuning ${spec.id}: ${describe(spec.stage)}`);
    const trained = await trainDemoModel(spec.stage, log, pretrained.weights);
    const bytes = exportOnnx(trained.model, trained.weights, { inputSize: 'dynamic', image: 'rgba', outputs: ['labels'] });
    const file = `models/${spec.id}.onnx`;
    await writeFile(join(out, file), bytes);
    const figures = await evaluateOnClip(bytes, clip, file);
    log(`  ${trained.seconds.toFixed(0)} s; loss ${trained.loss.first.toFixed(3)} -> ${trained.loss.last.toFixed(3)}; ${file} ${(bytes.length / 1024).toFixed(0)} KiB`);
    log(`  on the clip: mIoU ${percent(figures.miou)}, TC ${percent(figures.tc)}, flow-free TC ${percent(figures.flowFreeTc)}`);
    const { model, batchSize, seed } = DEMO_TRAINING;
    models.push({
      id: spec.id,
      title: spec.title,
      file,
      training:
        `${model.type} (width ${model.width}), SGD on batches of ${batchSize} crops ${TRAINING_CROP.join('x')} from ${TRAINING_DATA.clips} synthetic train clips, seed ${seed}, wasm: ` +
        `pre-training ${describe(PRETRAINING)}, then fine-tuning ${describe(spec.stage)}`,
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
