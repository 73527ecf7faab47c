// Memory of one training step of a zoo student: the peak bytes of live tensors (tf.profile) and
// the wasm heap after the step, with tfjs's own backward pass (tf.variableGrads) and with
// releasingVariableGrads. Each mode runs in its own process (the wasm heap never shrinks).
// The last column is the trainer's preflight estimate (estimateStepMemory) for the same step.
// Run: node bench/run.mjs step-memory [--model mobilenetv2] [--size 360x480] [--batch 1] [--grads releasing|stock]
import * as tf from '@tensorflow/tfjs-core';
import { initializeParameters } from '@vidseg/models';
import { registerTrainingKernels, releasingVariableGrads } from '@vidseg/tfjs-ops';
import { nodeModuleLoader } from '../src/backend/module-loader.js';
import { selectBackend } from '../src/backend/select-backend.js';
import { TfjsNetwork } from '../src/network/tfjs-network.js';
import { activationBytes, BYTES_PER_ACTIVATION_BYTE } from '../src/train/step-memory.js';
import { argument } from './command-line.js';
import { crossEntropy, STUDENTS } from './students.js';

await selectBackend('wasm', { loader: nodeModuleLoader, wasmThreads: 1 });
await registerTrainingKernels();
const modelName = argument('model', 'mobilenetv2');
const size = argument('size', '360x480');
const mode = argument('grads', 'releasing');
const model = STUDENTS[modelName]!();
const [height, width] = size.split('x').map(Number) as [number, number];
const batch = Number(argument('batch', '1'));
const network = new TfjsNetwork(model, initializeParameters(model.graph, 1), { seed: 1 });
const input = tf.randomNormal([batch, height, width, 3]) as tf.Tensor4D;
const labels = tf.randomUniform([batch, height, width], 0, model.classes.length, 'int32') as tf.Tensor3D;
const parameters = [...network.parameters.values()];
const gradients = mode === 'stock' ? (f: () => tf.Scalar) => tf.variableGrads(f, parameters) : (f: () => tf.Scalar) => releasingVariableGrads(f, parameters);
const heapBytes = () => ((tf.backend() as unknown as { wasm: { asm: { memory: WebAssembly.Memory } } }).wasm.asm.memory.buffer.byteLength);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

let result = 'ok';
const info = await tf.profile(() => {
  try {
    const { value, grads } = gradients(() => crossEntropy(network.forward(input, 'train').logits as tf.Tensor4D, labels));
    tf.dispose([value, ...Object.values(grads)]);
  } catch (error) {
    result = `failed: ${(error as Error).message}`;
  }
});
const estimate = activationBytes(model.graph, [height, width]) * batch * BYTES_PER_ACTIVATION_BYTE;
console.log(`| ${modelName} | ${size} | ${batch} | ${mode} | ${mb(info.peakBytes)} | ${mb(heapBytes())} | ${mb(estimate)} | ${result} |`);
