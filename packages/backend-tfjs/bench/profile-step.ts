// Profiles one training step (and one train-mode forward) of a zoo student by kernel.
// Run: node bench/run.mjs profile-step [--model espnet] [--size 360x480]
import * as tf from '@tensorflow/tfjs-core';
import { buildEspnet, buildMobileNetV2, buildPspnet, initializeParameters, type SegmentationModel } from '@vidseg/models';
import { registerTrainingKernels } from '@vidseg/tfjs-ops';
import { nodeModuleLoader } from '../src/backend/module-loader.js';
import { selectBackend } from '../src/backend/select-backend.js';
import { TfjsNetwork } from '../src/network/tfjs-network.js';

const STUDENTS: Record<string, () => SegmentationModel> = {
  espnet: () => buildEspnet({ variant: 'camvid' }),
  mobilenetv2: () => buildMobileNetV2({ classes: 'camvid' }),
  pspnet: () => buildPspnet({ backbone: 'resnet18', classes: 'camvid' }),
};
const argument = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};

await selectBackend('wasm', { loader: nodeModuleLoader, wasmThreads: 1 });
await registerTrainingKernels();
const model = STUDENTS[argument('model', 'espnet')]!();
const [height, width] = argument('size', '360x480').split('x').map(Number) as [number, number];
const network = new TfjsNetwork(model, initializeParameters(model.graph, 1), { seed: 1 });
const input = tf.randomNormal([1, height, width, 3]) as tf.Tensor4D;
const labels = tf.randomUniform([1, height, width], 0, model.classes.length, 'int32') as tf.Tensor3D;
const parameters = [...network.parameters.values()];
const step = () => {
  const { value, grads } = tf.variableGrads(() => {
    const logits = network.forward(input, 'train').logits as tf.Tensor4D;
    return tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(labels, logits.shape[3]), tf.logSoftmax(logits)), 3))) as tf.Scalar;
  }, parameters);
  value.dataSync();
  tf.dispose([value, ...Object.values(grads)]);
};
step();
for (const [label, run] of [
  ['train step', step],
  ['train-mode forward', () => tf.dispose(Object.values(network.forward(input, 'train')))],
  ['eval forward', () => tf.dispose(Object.values(network.forward(input, 'eval')))],
] as const) {
  const info = await tf.profile(() => {
    run();
  });
  const byKernel = new Map<string, { ms: number; calls: number }>();
  for (const k of info.kernels) {
    const entry = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
    entry.ms += Number(k.kernelTimeMs) || 0;
    entry.calls++;
    byKernel.set(k.name, entry);
  }
  const total = [...byKernel.values()].reduce((s, e) => s + e.ms, 0);
  console.log(`\n${label}: ${total.toFixed(0)} ms in kernels`);
  for (const [name, e] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) console.log(`${name.padEnd(32)} ${e.ms.toFixed(1).padStart(8)} ms ${String(e.calls).padStart(5)} calls`);
}
