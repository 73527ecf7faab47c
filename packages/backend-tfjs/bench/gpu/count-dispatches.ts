// Shader dispatches and uploads per training step of each student on the WebGPU backend: the
// CPU-side proxy for its host overhead (each dispatch costs about 115 us of JavaScript and Dawn
// time on an H100 machine). Deterministic, so it runs anywhere WebGPU does, by default on Mesa's
// software llvmpipe through Dawn's OpenGL backend (as the software-adapter tests do).
// Run (repo root): npm run bench:dispatches [-- --size 64x128 --batch 2 --models espnet,...]
//   on a GPU machine: --dawn .gpu/webgpu/index.js --dawn-flags '' --feature-level core
// Prints a markdown table: model, dispatches/step, uploads/step (the second step; the first compiles);
// with --by-program also the dispatches per shader program of each model, with --by-kernel per tfjs
// kernel (or gradient) that made them (kernel-attribution.ts).
import * as tf from '@tensorflow/tfjs-core';
import { registerTrainingKernels } from '@vidseg/tfjs-ops';
import { selectBackend } from '../../src/backend/select-backend.js';
import { benchLoader } from './bench-loader.js';
import { KernelAttribution } from './kernel-attribution.js';
import { ReadCounter } from './read-counter.js';
import { argument, flag } from '../command-line.js';
import { STUDENTS } from './students.js';
import { trainingStep } from './training-step.js';

process.env.EGL_PLATFORM ??= 'surfaceless';
const flags = argument('dawn-flags', 'backend=opengl');
const selection = await selectBackend('webgpu', {
  loader: benchLoader(),
  wasmThreads: 1,
  webgpu: { dawnFlags: flags ? flags.split(',') : [], featureLevel: argument('feature-level', 'compatibility') as 'core' | 'compatibility', stockTfjs: flag('stock-tfjs') },
});
await registerTrainingKernels();
const [height, width] = argument('size', '64x128').split('x').map(Number) as [number, number];
const batch = Number(argument('batch', '2'));
console.error(`backend: ${selection.reason}; batch ${batch}, ${height}x${width}`);
const lines = ['| model | dispatches/step | uploads/step |', '| --- | --- | --- |'];
const byProgram: string[] = [];
const byKernel: string[] = [];
/** `name: label n, ...`, most first. */
const breakdown = (name: string, counts: Map<string, number>) => `${name}: ${[...counts].sort((a, b) => b[1] - a[1]).map(([label, n]) => `${label} ${n}`).join(', ')}`;
for (const name of argument('models', Object.keys(STUDENTS).join(',')).split(',')) {
  const build = STUDENTS[name];
  if (!build) throw new Error(`unknown model ${name}; known: ${Object.keys(STUDENTS).join(', ')}`);
  const training = trainingStep(build(), batch, height, width);
  try {
    const warmup = training.run();
    await warmup.data();
    warmup.dispose();
    const attribution = flag('by-kernel') ? new KernelAttribution() : undefined;
    const counter = new ReadCounter(tf.backend(), attribution && (() => attribution.current()));
    const loss = training.run();
    const value = (await loss.data())[0]!;
    loss.dispose();
    counter.restore();
    attribution?.restore();
    if (!Number.isFinite(value)) throw new Error(`${name}: loss ${value}`);
    lines.push(`| ${name} | ${counter.dispatches} | ${counter.uploads} |`);
    byProgram.push(breakdown(name, counter.programs));
    byKernel.push(breakdown(name, counter.labelled));
  } finally {
    training.dispose();
  }
}
console.log(lines.join('\n'));
if (flag('by-program')) console.log(['', 'dispatches per shader program:', ...byProgram].join('\n'));
if (flag('by-kernel')) console.log(['', 'dispatches per tfjs kernel (grad <kernel>: in its gradient):', ...byKernel].join('\n'));
