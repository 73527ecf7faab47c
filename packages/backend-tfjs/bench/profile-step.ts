// Profiles the training step (and the train-mode forward) of a zoo student by kernel: the self
// time of each kernel (minus the kernels it runs itself, as the wasm training kernels built from
// tfjs ops do), per step, over the timed reps after one warm-up.
// Run: node bench/run.mjs profile-step [--model espnet|mobilenetv2|pspnet] [--size 360x480] [--reps 3] [--by-shape] [--top 30]
import * as tf from '@tensorflow/tfjs-core';
import { initializeParameters } from '@vidseg/models';
import { registerTrainingKernels, releasingVariableGrads } from '@vidseg/tfjs-ops';
import { nodeModuleLoader } from '../src/backend/module-loader.js';
import { selectBackend } from '../src/backend/select-backend.js';
import { TfjsNetwork } from '../src/network/tfjs-network.js';
import { argument, flag } from './command-line.js';
import { crossEntropy, STUDENTS } from './students.js';

const byShape = flag('by-shape');
const reps = Number(argument('reps', '3'));

await selectBackend('wasm', { loader: nodeModuleLoader, wasmThreads: 1 });
await registerTrainingKernels();

/** Self time per kernel (or kernel and input shapes), recorded while `recording` is set. */
class KernelClock {
  readonly totals = new Map<string, { ms: number; calls: number }>();
  recording = false;
  private nestedMs = 0;

  /** Wraps every kernel registered for `backend` (call after the last registration). */
  install(backend: string): void {
    for (const kernel of tf.getKernelsForBackend(backend)) {
      const run = kernel.kernelFunc;
      tf.unregisterKernel(kernel.kernelName, backend);
      tf.registerKernel({ ...kernel, kernelFunc: (args) => this.time(kernel.kernelName, args, () => run(args)) });
    }
  }

  private time<T>(name: string, args: { inputs: tf.NamedTensorInfoMap }, run: () => T): T {
    const start = performance.now();
    const outerNested = this.nestedMs;
    this.nestedMs = 0;
    try {
      return run();
    } finally {
      const total = performance.now() - start;
      if (this.recording) {
        const key = byShape ? `${name} ${JSON.stringify(Object.values(args.inputs).map((t) => t?.shape))}` : name;
        const entry = this.totals.get(key) ?? { ms: 0, calls: 0 };
        entry.ms += total - this.nestedMs;
        entry.calls++;
        this.totals.set(key, entry);
      }
      this.nestedMs = outerNested + total;
    }
  }
}

const modelName = argument('model', 'espnet');
const model = STUDENTS[modelName]!();
const [height, width] = argument('size', '360x480').split('x').map(Number) as [number, number];
const network = new TfjsNetwork(model, initializeParameters(model.graph, 1), { seed: 1 });
const input = tf.randomNormal([1, height, width, 3]) as tf.Tensor4D;
const labels = tf.randomUniform([1, height, width], 0, model.classes.length, 'int32') as tf.Tensor3D;
const parameters = [...network.parameters.values()];
const runs = {
  'train step': () => {
    const { value, grads } = releasingVariableGrads(() => {
      return crossEntropy(network.forward(input, 'train').logits as tf.Tensor4D, labels);
    }, parameters);
    value.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  },
  'train-mode forward': () => tf.dispose(Object.values(network.forward(input, 'train'))),
};
const clock = new KernelClock();
clock.install('wasm');
for (const [label, run] of Object.entries(runs)) {
  clock.totals.clear();
  run();
  const wall: number[] = [];
  clock.recording = true;
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    run();
    wall.push(performance.now() - start);
  }
  clock.recording = false;
  const kernelMs = [...clock.totals.values()].reduce((sum, e) => sum + e.ms, 0) / reps;
  const median = [...wall].sort((a, b) => a - b)[Math.floor(reps / 2)]!;
  console.log(`\n${modelName} ${height}x${width}, ${label}: median ${median.toFixed(0)} ms wall, ${kernelMs.toFixed(0)} ms in kernels (per run, ${reps} runs)`);
  for (const [name, e] of [...clock.totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(argument('top', '25')))) {
    console.log(`${(e.ms / reps).toFixed(1).padStart(9)} ms ${String(e.calls / reps).padStart(6)} calls  ${name}`);
  }
}
