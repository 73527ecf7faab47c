// The first training steps of a student through the real trainer and plugins, on one backend, for
// comparing a GPU run (webgpu) with a CPU run (wasm) of the same config and seed.
// Run: node loss-curve.mjs --backend webgpu --out curve-webgpu.json [--model espnet] [--steps 10]
//        [--batch 2] [--size 128x256] [--dawn .gpu/webgpu/index.js]
// Then: node loss-curve.mjs --compare curve-webgpu.json curve-wasm.json
// Synthetic clips with exact flow, cross-entropy + temporal loss, SGD with momentum, then one
// evaluation (mIoU, TC), all through createTrainer: the whole training loop and evaluation.
import { readFileSync, writeFileSync } from 'node:fs';
import { createContainer, register as registerCore, vidsegConfigSchema } from '@vidseg/core';
import { register as registerData } from '@vidseg/data';
import { register as registerFlow } from '@vidseg/flow';
import { register as registerLosses } from '@vidseg/losses';
import { register as registerModels } from '@vidseg/models';
import { MODULE_LOADER_TOKEN } from '../../src/backend/backend-request.js';
import { register } from '../../src/register.js';
import { buildTrainingRun } from '../../src/train/build-training-run.js';
import { afterEachStep } from '../../test/after-each-step.js';
import { benchLoader, dawnSettings } from './bench-loader.js';
import { argument, flag } from '../command-line.js';

interface Curve {
  readonly backend: string;
  readonly reason: string;
  readonly config: unknown;
  readonly losses: number[];
  readonly terms: Record<string, number>[];
  readonly msPerStep: number[];
  readonly evaluation: Record<string, number>;
}

const MODELS: Record<string, object> = {
  espnet: { type: 'espnet', variant: 'camvid' },
  'mobilenetv2-x0.5': { type: 'mobilenetv2', classes: 'camvid', widthMultiplier: 0.5, dropout: 0 },
};

async function record(): Promise<Curve> {
  const backend = argument('backend', 'wasm');
  const [height, width] = argument('size', '128x256').split('x').map(Number) as [number, number];
  const settings = dawnSettings();
  const config = vidsegConfigSchema.parse({
    seed: 11,
    backend: { type: backend, ...(backend === 'webgpu' ? settings : {}) },
    model: MODELS[argument('model', 'espnet')],
    data: {
      train: { type: 'synthetic', split: 'train', clips: 4, framesPerClip: 4, size: [height, width] },
      val: { type: 'synthetic', split: 'val', clips: 1, framesPerClip: 3, size: [height, width] },
      sampler: { mode: 'pair', gaps: [1, -1] },
    },
    flow: { type: 'exact' },
    losses: [
      { type: 'cross-entropy', weight: 1 },
      { type: 'temporal', weight: 0.1 },
    ],
    eval: { metrics: [{ type: 'miou' }, { type: 'tc' }] },
    train: { steps: Number(argument('steps', '10')), batchSize: Number(argument('batch', '2')), lr: 0.01, checkpointEvery: 0, schedule: { warmupSteps: 2 }, inputSize: [height, width] },
  });
  const container = createContainer();
  for (const add of [registerCore, registerModels, registerLosses, registerData, registerFlow, register]) add(container);
  container.register(MODULE_LOADER_TOKEN, { useValue: benchLoader() });
  const curve = { losses: [] as number[], terms: [] as Record<string, number>[], msPerStep: [] as number[] };
  const record = afterEachStep((r) => {
    curve.losses.push(r.loss);
    curve.terms.push({ ...r.terms });
    curve.msPerStep.push(Number(r.milliseconds.toFixed(1)));
    console.error(`${backend} step ${r.step}: loss ${r.loss.toFixed(6)}, ${r.milliseconds.toFixed(0)} ms, live tensors ${r.liveTensors}`);
  });
  const trainer = await buildTrainingRun({ config, container, hooks: [record] });
  const summary = await trainer.run();
  await trainer.dispose();
  return { backend: trainer.backend.name, reason: trainer.backend.reason, config, ...curve, evaluation: { ...summary.evaluation!.values } };
}

/** Largest relative difference |a - b| / |b| over the losses and every term of the two curves. */
function compare(a: Curve, b: Curve): void {
  let worst = { relative: 0, at: '' };
  const check = (x: number, y: number, at: string) => {
    const relative = Math.abs(x - y) / Math.max(Math.abs(y), 1e-12);
    if (relative > worst.relative) worst = { relative, at };
  };
  const steps = Math.min(a.losses.length, b.losses.length);
  console.log(`| step | ${a.backend} loss | ${b.backend} loss | relative difference |`);
  console.log('| --- | --- | --- | --- |');
  for (let i = 0; i < steps; i++) {
    console.log(`| ${i + 1} | ${a.losses[i]!.toFixed(6)} | ${b.losses[i]!.toFixed(6)} | ${(Math.abs(a.losses[i]! - b.losses[i]!) / Math.abs(b.losses[i]!)).toExponential(2)} |`);
    check(a.losses[i]!, b.losses[i]!, `step ${i + 1} loss`);
    for (const [term, value] of Object.entries(a.terms[i]!)) check(value, b.terms[i]![term]!, `step ${i + 1} ${term}`);
  }
  for (const [metric, value] of Object.entries(a.evaluation)) console.log(`evaluation ${metric}: ${a.backend} ${value.toFixed(6)}, ${b.backend} ${b.evaluation[metric]!.toFixed(6)}`);
  console.log(`max relative difference over ${steps} steps (loss and every term): ${worst.relative.toExponential(2)} (${worst.at})`);
}

if (flag('compare')) {
  const index = process.argv.indexOf('--compare');
  const [a, b] = process.argv.slice(index + 1, index + 3).map((file) => JSON.parse(readFileSync(file, 'utf8')) as Curve);
  compare(a!, b!);
} else {
  const curve = await record();
  const out = argument('out', '');
  if (out) writeFileSync(out, JSON.stringify(curve, null, 1));
  console.log(JSON.stringify({ backend: curve.backend, losses: curve.losses, evaluation: curve.evaluation }));
}
