// Training-step benchmark of the zoo's students on one tfjs backend (webgpu, wasm, cpu), for the
// GPU comparison with PyTorch (bench/gpu in the repo root bundles and runs it on the lent machine).
// Run: node train-steps.mjs --backend webgpu --models espnet,pspnet-resnet18 --batch 8 --size 512x1024
//        [--steps 10] [--warmup 2] [--forward-only] [--dawn .gpu/webgpu/index.js] [--out results.jsonl]
// One step = train-mode forward, softmax cross-entropy on random labels, gradients of every
// trainable parameter, SGD with momentum 0.9 and weight decay 1e-4, and one read of the loss (as the
// trainer does), so each timed step ends with the device idle. Median over --steps after --warmup.
import { appendFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { countFlops, countParameters } from '@vidseg/models';
import { registerTrainingKernels } from '@vidseg/tfjs-ops';
import { selectBackend, type BackendName } from '../../src/backend/select-backend.js';
import { benchLoader, dawnSettings } from './bench-loader.js';
import { ReadCounter } from './read-counter.js';
import { argument, flag } from '../command-line.js';
import { STUDENTS } from './students.js';
import { crossEntropy, trainingStep } from './training-step.js';

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Result {
  readonly model: string;
  readonly engine: string;
  readonly device: string;
  readonly batch: number;
  readonly height: number;
  readonly width: number;
  readonly mode: 'step' | 'train-forward';
  readonly msPerStep?: number;
  readonly imagesPerSecond?: number;
  readonly firstStepMs?: number;
  readonly stepsMs?: readonly number[];
  readonly readsPerStep?: number;
  readonly uploadsPerStep?: number;
  readonly uploadMegabytesPerStep?: number;
  readonly dispatchesPerStep?: number;
  readonly trainableParams: number;
  readonly gflopsForward: number;
  readonly error?: string;
}

async function measure(name: string, device: string, engine: string, batch: number, height: number, width: number): Promise<Result> {
  const model = STUDENTS[name]!();
  const forwardOnly = flag('forward-only');
  const base = {
    model: name,
    engine,
    device,
    batch,
    height,
    width,
    mode: forwardOnly ? ('train-forward' as const) : ('step' as const),
    trainableParams: countParameters(model.graph).trainable,
    gflopsForward: (batch * countFlops(model.graph, height, width)) / 1e9,
  };
  const training = trainingStep(model, batch, height, width);
  const { network, input, labels } = training;
  const counter = new ReadCounter(tf.backend());
  const step = async (): Promise<number> => {
    if (forwardOnly) {
      const loss = tf.tidy(() => crossEntropy(network.forward(input, 'train').logits as tf.Tensor4D, labels));
      const value = (await loss.data())[0]!;
      loss.dispose();
      return value;
    }
    const value = training.run();
    const loss = (await value.data())[0]!;
    value.dispose();
    return loss;
  };
  try {
    const steps = Number(argument('steps', '10'));
    const warmup = Number(argument('warmup', '2'));
    const times: number[] = [];
    let first = 0;
    for (let i = 0; i < warmup + steps; i++) {
      if (i === warmup) counter.reset();
      const start = performance.now();
      const loss = await step();
      const ms = performance.now() - start;
      if (!Number.isFinite(loss)) throw new Error(`loss ${loss} at step ${i + 1}`);
      if (i === 0) first = ms;
      if (i >= warmup) times.push(ms);
      console.error(`${name} ${engine} step ${i + 1}: ${ms.toFixed(1)} ms, loss ${loss.toFixed(4)}, live tensors ${tf.memory().numTensors}`);
    }
    const ms = median(times);
    return {
      ...base,
      msPerStep: ms,
      imagesPerSecond: (batch * 1000) / ms,
      firstStepMs: first,
      stepsMs: times.map((t) => Number(t.toFixed(2))),
      readsPerStep: counter.reads / steps,
      uploadsPerStep: counter.uploads / steps,
      uploadMegabytesPerStep: counter.uploadBytes / steps / 1e6,
      ...(engine === 'webgpu' ? { dispatchesPerStep: counter.dispatches / steps } : {}),
    };
  } catch (error) {
    return { ...base, error: (error as Error).message.split('\n')[0]! };
  } finally {
    counter.restore();
    training.dispose();
  }
}

async function main(): Promise<void> {
  const backend = argument('backend', 'wasm') as BackendName;
  const selection = await selectBackend(backend, { loader: benchLoader(), wasmThreads: 1, webgpu: dawnSettings() });
  await registerTrainingKernels();
  const [height, width] = argument('size', '512x1024').split('x').map(Number) as [number, number];
  const batch = Number(argument('batch', '8'));
  const out = argument('out', '');
  const device = argument('device', selection.reason);
  console.error(`backend: ${selection.reason}; Node ${process.version}`);
  for (const name of argument('models', Object.keys(STUDENTS).join(',')).split(',')) {
    if (!STUDENTS[name]) throw new Error(`unknown model ${name}; known: ${Object.keys(STUDENTS).join(', ')}`);
    const result = await measure(name, device, selection.engine, batch, height, width);
    const line = JSON.stringify(result);
    console.log(line);
    if (out) appendFileSync(out, line + '\n');
  }
}

await main();
