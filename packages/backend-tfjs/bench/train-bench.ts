// Training benchmark of the zoo's students on the tfjs backend (wasm, 1 thread by default).
// Run: node bench/run.mjs [--sizes 360x480,512x1024] [--models espnet,mobilenetv2,pspnet] [--reps 3] [--backend wasm]
import * as tf from '@tensorflow/tfjs-core';
import { SeededRandom, type NamedTensors } from '@vidseg/core';
import { countFlops, countParameters, initializeParameters } from '@vidseg/models';
import { registerTrainingKernels, releasingVariableGrads } from '@vidseg/tfjs-ops';
import { selectBackend, type BackendName } from '../src/backend/select-backend.js';
import { nodeModuleLoader } from '../src/backend/module-loader.js';
import { TfjsNetwork } from '../src/network/tfjs-network.js';
import { SgdOptimizer } from '../src/train/sgd-optimizer.js';
import { argument } from './command-line.js';
import { timeInterleaved } from './time-interleaved.js';
import { PlainInference } from './plain-inference.js';
import { crossEntropy, STUDENTS } from './students.js';

interface Row {
  model: string;
  size: string;
  params: string;
  gflops: string;
  plain: number;
  evalForward: number;
  trainForward: number;
  parity: number;
  step?: number;
  /** The train-mode forward measured beside the step. */
  stepForward?: number;
  stepError?: string;
}

async function measure(name: string, height: number, width: number, reps: number): Promise<Row> {
  const model = STUDENTS[name]!();
  const weights: NamedTensors = initializeParameters(model.graph, 1);
  // Plausible running statistics, so the folded baseline is not trivially the identity.
  const random = new SeededRandom(2);
  for (const spec of model.graph.params) if (spec.name.endsWith('running_var')) (weights.get(spec.name)!.data as Float32Array).forEach((_, i, a) => (a[i] = random.uniform(0.5, 2)));
  const network = new TfjsNetwork(model, weights, { seed: 1 });
  const plain = new PlainInference(network, weights);
  const input = tf.randomNormal([1, height, width, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
  const labels = tf.randomUniform([1, height, width], 0, model.classes.length, 'int32', 4) as tf.Tensor3D;
  const optimizer = new SgdOptimizer({ momentum: 0.9, weightDecay: 1e-4 });
  const parameters = [...network.parameters.values()];
  const read = async (t: tf.Tensor) => {
    await t.data();
    t.dispose();
  };
  const forward = (mode: 'train' | 'eval') => async () => {
    const outputs = network.forward(input, mode);
    await read(outputs.logits);
    tf.dispose([outputs.features, outputs.auxLogits].filter((t): t is tf.Tensor => !!t));
  };
  const parityA = plain.run(input);
  const parityB = network.forward(input, 'eval').logits;
  const parity = (await tf.div(tf.max(tf.abs(tf.sub(parityA, parityB))), tf.max(tf.abs(parityB))).data())[0]!;
  tf.dispose([parityA, parityB]);
  const forwards = await timeInterleaved(reps, {
    plain: async () => read(plain.run(input)),
    evalForward: forward('eval'),
    trainForward: forward('train'),
  });
  const row: Row = {
    model: name,
    size: `${height}x${width}`,
    params: `${(countParameters(model.graph).trainable / 1e6).toFixed(2)}M`,
    gflops: (countFlops(model.graph, height, width) / 1e9).toFixed(1),
    ...forwards,
    parity,
  };
  try {
    // The step is timed against the train-mode forward again, interleaved, for its ratio.
    const steps = await timeInterleaved(reps, {
      forward: forward('train'),
      step: async () => {
        const { value, grads } = releasingVariableGrads(() => crossEntropy(network.forward(input, 'train').logits as tf.Tensor4D, labels), parameters);
        const byName = new Map([...network.parameters].map(([n, v]) => [n, grads[v.name]!]));
        optimizer.apply(network.parameters, byName, 0.01, new Map());
        await read(value);
        tf.dispose(Object.values(grads));
      },
    });
    row.step = steps.step;
    row.stepForward = steps.forward;
  } catch (error) {
    row.stepError = (error as Error).message.split('\n')[0]!;
  }
  optimizer.dispose();
  plain.dispose();
  tf.dispose([input, labels]);
  network.dispose();
  return row;
}

async function main(): Promise<void> {
  const backend = argument('backend', 'wasm') as BackendName;
  const selection = await selectBackend(backend, { loader: nodeModuleLoader, wasmThreads: 1 });
  await registerTrainingKernels();
  const sizes = argument('sizes', '360x480,512x1024').split(',').map((s) => s.split('x').map(Number) as [number, number]);
  const models = argument('models', Object.keys(STUDENTS).join(',')).split(',');
  const reps = Number(argument('reps', '3'));
  console.log(`backend: ${selection.reason}; batch 1; median of ${reps} interleaved runs after 1 warm-up; Node ${process.version}`);
  const header = '| model | input | trainable params | GFLOPs (fwd) | plain inference ms | eval fwd ms | train-mode fwd ms | train step ms | images/s (train) | train-mode fwd ms, timed with the steps | step / that fwd | train-mode fwd / plain |';
  console.log(header);
  console.log(header.replace(/[^|]+/g, ' --- '));
  for (const [height, width] of sizes) {
    for (const name of models) {
      try {
        const r = await measure(name, height, width, reps);
        const step = r.step === undefined ? `failed: ${r.stepError} | | | ` : `${r.step.toFixed(0)} | ${(1000 / r.step).toFixed(2)} | ${r.stepForward!.toFixed(0)} | ${(r.step / r.stepForward!).toFixed(2)}`;
        console.log(
          `| ${r.model} | ${r.size} | ${r.params} | ${r.gflops} | ${r.plain.toFixed(0)} | ${r.evalForward.toFixed(0)} | ${r.trainForward.toFixed(0)} | ${step} | ${(r.trainForward / r.plain).toFixed(2)} |`,
        );
        if (r.parity > 1e-4) console.log(`  warning: plain inference differs from the interpreter by ${r.parity.toExponential(2)} of the largest logit`);
      } catch (error) {
        console.log(`| ${name} | ${height}x${width} | failed: ${(error as Error).message.split('\n')[0]} |`);
      }
    }
  }
}

await main();
