// Profiles one training step of a student on a tfjs backend (for webgpu: GPU time per kernel from
// timestamp queries, per shader program, host<->device traffic), against the unprofiled wall time.
// Run: node profile-step.mjs --backend webgpu --model mobilenetv2-x1.0 --batch 8 --size 512x1024
//        [--dawn .gpu/webgpu/index.js] [--dawn-flags disable-dawn-features=timestamp_quantization] [--out profile.json]
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { registerTrainingKernels } from '@vidseg/tfjs-ops';
import { selectBackend, type BackendName } from '../../src/backend/select-backend.js';
import { benchLoader, dawnSettings } from './bench-loader.js';
import { HostTimers } from './host-timers.js';
import { ReadCounter } from './read-counter.js';
import { argument } from '../command-line.js';
import { STUDENTS } from './students.js';
import { trainingStep } from './training-step.js';

interface Totals {
  ms: number;
  calls: number;
}

function add(map: Map<string, Totals>, key: string, ms: number): void {
  const entry = map.get(key) ?? { ms: 0, calls: 0 };
  entry.ms += ms;
  entry.calls++;
  map.set(key, entry);
}

function table(title: string, map: Map<string, Totals>, total: number, rows: number): string[] {
  const lines = [`${title}: ${total.toFixed(1)} ms`, '| name | ms | % | calls |', '| --- | --- | --- | --- |'];
  for (const [name, e] of [...map].sort((a, b) => b[1].ms - a[1].ms).slice(0, rows)) {
    lines.push(`| ${name} | ${e.ms.toFixed(1)} | ${((100 * e.ms) / total).toFixed(1)} | ${e.calls} |`);
  }
  return lines;
}

const backend = argument('backend', 'webgpu') as BackendName;
const selection = await selectBackend(backend, { loader: benchLoader(), wasmThreads: 1, webgpu: dawnSettings() });
await registerTrainingKernels();
const name = argument('model', 'mobilenetv2-x1.0');
const model = STUDENTS[name]!();
const [height, width] = argument('size', '512x1024').split('x').map(Number) as [number, number];
const batch = Number(argument('batch', '8'));
const training = trainingStep(model, batch, height, width);
let pending: tf.Scalar | undefined;
/** One step up to the loss read (kept in `pending`, read by the caller). */
const step = () => {
  pending = training.run();
};
const finish = async () => {
  await pending!.data();
  pending!.dispose();
};
// Warm-up (shader compilation), then unprofiled wall times.
for (let i = 0; i < 2; i++) {
  step();
  await finish();
}
const counter = new ReadCounter(tf.backend());
// Host time inside the backend (nested: runWebGPUProgram includes uploads, uniforms, bind groups, submits).
const timers = new HostTimers();
const gpuBackend = tf.backend() as unknown as { device?: { queue?: object }; bufferManager?: object };
timers.wrap('backend', gpuBackend, ['runWebGPUProgram', 'uploadToGPU', 'makeUniforms', 'submitQueue', 'recordAndSubmit']);
timers.wrap('bufferManager', gpuBackend.bufferManager, ['acquireBuffer', 'releaseBuffer']);
timers.wrap('device', gpuBackend.device, ['createBuffer', 'createBindGroup', 'createCommandEncoder']);
timers.wrap('queue', gpuBackend.device?.queue, ['submit', 'writeBuffer']);
const walls: number[] = [];
let hostMs = 0;
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  step();
  hostMs += performance.now() - start;
  await finish();
  walls.push(performance.now() - start);
}
const wall = [...walls].sort((a, b) => a - b)[1]!;
const counts = { reads: counter.reads / 3, uploads: counter.uploads / 3, uploadMegabytes: counter.uploadBytes / 3 / 1e6 };
counter.restore();
timers.restore();
const host = new Map([...timers.totals].map(([k, v]) => [k, { ms: v.ms / 3, calls: v.calls / 3 }]));
const info = await tf.profile(step);
await finish();
/**
 * The shader programs of the kernels this package replaces by compositions of other kernels (see
 * src/backend/webgpu/webgpu-kernels.ts): an entry of such a kernel that ran other programs is a
 * composition whose parts were profiled as kernels of their own, so it is listed apart, not added.
 */
const OWN_PROGRAMS: Readonly<Record<string, RegExp>> = { BatchMatMul: /^(MatMul\w*|Fill)Program$/, Conv2DBackpropFilter: /^Conv2DDerFilterProgram$/ };
const byKernel = new Map<string, Totals>();
const byProgram = new Map<string, Totals>();
const composites = new Map<string, Totals>();
let gpu = 0;
for (const k of info.kernels) {
  const ms = Number(k.kernelTimeMs) || 0;
  // webgpu's extra info lists each shader program the kernel ran: "Program: ms, Program: ms"
  // (esbuild may append a digit to the class names).
  const programs = String(k.extraInfo ?? '')
    .split(', ')
    .filter((p) => p.includes(': '))
    .map((p) => p.split(': ') as [string, string])
    .map(([program, value]) => [program.replace(/\d+$/, ''), Number(value) || 0] as const);
  const own = OWN_PROGRAMS[k.name];
  if (own && programs.some(([program]) => !own.test(program))) {
    add(composites, k.name, ms);
    continue;
  }
  gpu += ms;
  add(byKernel, k.name, ms);
  for (const [program, value] of programs) add(byProgram, `${k.name} / ${program}`, value);
}
const lines = [
  `backend: ${selection.reason}; ${name}, batch ${batch}, ${height}x${width}`,
  `wall time per step (unprofiled, median of 3): ${wall.toFixed(1)} ms; host time to enqueue a step: ${(hostMs / 3).toFixed(1)} ms`,
  `per step: ${counts.reads} reads back, ${counts.uploads} uploads (${counts.uploadMegabytes.toFixed(2)} MB), ${info.kernels.length} kernels`,
  ...table('host time per step inside backend and Dawn methods (nested, unprofiled)', host, hostMs / 3, 20),
  ...table('GPU time by kernel (profiled step)', byKernel, gpu, 25),
  ...table('GPU time by shader program', byProgram, gpu, 30),
  ...table('compositions of other kernels (their parts are counted above, not again)', composites, [...composites.values()].reduce((t, e) => t + e.ms, 0), 5),
];
console.log(lines.join('\n'));
const out = argument('out', '');
if (out) writeFileSync(out, JSON.stringify({ reason: selection.reason, model: name, batch, height, width, wall, hostMs: hostMs / 3, counts, host: [...host], gpu, byKernel: [...byKernel], byProgram: [...byProgram], composites: [...composites] }));
