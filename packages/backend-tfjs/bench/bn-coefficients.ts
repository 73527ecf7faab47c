// What train-mode BatchNorm's packed coefficient passes (778ca63, one WebGPU dispatch each way)
// cost on wasm, where they are composed from tfjs ops: ms per training step with them and with the
// per-channel arithmetic as separate tensors (batch-norm-apart.ts, the code before them), the two
// interleaved step by step in one process.
// Run: node bench/run.mjs bn-coefficients [--models espnet,mobilenetv2-x1.0] [--size 128x256] [--batch 2] [--reps 9]
import { batchNormTrain, registerTrainingKernels } from '@vidseg/tfjs-ops';
import { nodeModuleLoader } from '../src/backend/module-loader.js';
import { selectBackend } from '../src/backend/select-backend.js';
import { batchNormWith } from '../src/ops/batch-norm.js';
import type { OpImplementation } from '../src/ops/op-context.js';
import { OP_TABLE } from '../src/ops/op-table.js';
import { batchNormTrainApart } from './batch-norm-apart.js';
import { argument } from './command-line.js';
import { STUDENTS } from './gpu/students.js';
import { trainingStep } from './gpu/training-step.js';
import { timeInterleaved } from './time-interleaved.js';

const selection = await selectBackend('wasm', { loader: nodeModuleLoader, wasmThreads: 1 });
await registerTrainingKernels();
const [height, width] = argument('size', '128x256').split('x').map(Number) as [number, number];
const batch = Number(argument('batch', '2'));
const reps = Number(argument('reps', '9'));
const table = OP_TABLE as Record<string, OpImplementation>;
const variants = { packed: batchNormWith(batchNormTrain), apart: batchNormWith(batchNormTrainApart) };
console.log(`backend: ${selection.reason}; batch ${batch}, ${height}x${width}; median of ${reps} interleaved steps after 1 warm-up; Node ${process.version}`);
console.log('| model | packed coefficients (now) ms/step | separate tensors (778ca63^) ms/step | now / before |');
console.log('| --- | ---: | ---: | ---: |');
for (const name of argument('models', 'espnet,mobilenetv2-x1.0').split(',')) {
  const training = trainingStep(STUDENTS[name]!(), batch, height, width);
  const stepWith = (variant: keyof typeof variants) => async () => {
    table.batchNorm = variants[variant];
    const loss = training.run();
    await loss.data();
    loss.dispose();
  };
  const times = await timeInterleaved(reps, { packed: stepWith('packed'), apart: stepWith('apart') });
  training.dispose();
  console.log(`| ${name} | ${times.packed.toFixed(1)} | ${times.apart.toFixed(1)} | ${(times.packed / times.apart).toFixed(3)} |`);
}
table.batchNorm = variants.packed;
