// Time of one value + gradient of each loss term at a CamVid-like training size: batch 2, inputs
// 360x480, student logits and features at stride 8 (45x60, 11 classes, 64 channels), teacher
// logits at the same size and teacher features with 128 channels, clips of 3 frames.
// Usage: node bench/run.mjs loss-cost [--backend wasm|cpu] [--reps 5]
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import type { LossInputs, LossTerm } from '@vidseg/core';
import { registerTrainingKernels } from '@vidseg/tfjs-ops';
import { MultiFrameDistiller, multiFrameOptions } from '../src/distillation/multi-frame-distiller.js';
import { PairWiseDistiller, pairWiseOptions } from '../src/distillation/pair-wise-distiller.js';
import { PairWiseFrameDistiller, pairWiseFrameOptions } from '../src/distillation/pair-wise-frame-distiller.js';
import { PixelWiseDistiller, pixelWiseOptions } from '../src/distillation/pixel-wise-distiller.js';
import { CrossEntropyLoss, crossEntropyOptions } from '../src/segmentation/cross-entropy-loss.js';
import { TemporalLoss, temporalOptions } from '../src/temporal/temporal-loss-term.js';

const argument = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1]! : fallback;
};
const backend = argument('backend', 'wasm');
const reps = Number(argument('reps', '5'));

await tf.setBackend(backend);
await registerTrainingKernels();

const [batch, height, width, classes] = [2, 360, 480, 11];
const [h, w] = [height / 8, width / 8];
const frames = [0, 1, 2];
const student = frames.map(() => ({ logits: tf.randomNormal([batch, h, w, classes]), features: tf.randomNormal([batch, h, w, 64]) }));
const teacher = frames.map(() => ({ logits: tf.randomNormal([batch, h, w, classes]), features: tf.randomNormal([batch, h, w, 128]) }));
const flow = tf.randomUniform([batch, height, width, 2], -8, 8);
const inputs: LossInputs<tf.Tensor> = {
  target: 1,
  images: frames.map(() => tf.randomNormal([batch, height, width, 3])),
  student,
  teacher,
  labels: tf.randomUniform([batch, height, width], 0, classes, 'int32'),
  flows: [flow, undefined, flow],
  backwardFlows: [flow, undefined, flow],
};

const terms: [string, LossTerm<tf.Tensor>][] = [
  ['cross-entropy', new CrossEntropyLoss(crossEntropyOptions.parse({}))],
  ['cross-entropy, OHEM (0.7, 100000)', new CrossEntropyLoss(crossEntropyOptions.parse({ ohem: {} }))],
  ['temporal (reference: logits, photometric, input res.)', new TemporalLoss(temporalOptions.parse({}))],
  ['temporal, output resolution', new TemporalLoss(temporalOptions.parse({ resolution: 'output' }))],
  ['temporal, forward-backward mask, output res.', new TemporalLoss(temporalOptions.parse({ mask: 'forward-backward', resolution: 'output' }))],
  ['pixel-wise', new PixelWiseDistiller(pixelWiseOptions.parse({}))],
  ['pair-wise-frame, pool 2 (660 positions)', new PairWiseFrameDistiller(pairWiseFrameOptions.parse({}))],
  ['pair-wise, pool 2', new PairWiseDistiller(pairWiseOptions.parse({}))],
  ['multi-frame, pool 4 (165 positions), random-frozen', new MultiFrameDistiller(multiFrameOptions.parse({ poolSize: 4, init: 'random-frozen' }), { seed: 0 })],
];

/** One value and the gradient with respect to the map of frame t's student outputs the term reads. */
async function valueAndGradient(term: LossTerm<tf.Tensor>): Promise<void> {
  const role = term.requires.features ? 'features' : 'logits';
  const f = (x: tf.Tensor) => term.compute({ ...inputs, student: student.map((s, i) => (i === 1 ? { ...s, [role]: x } : s)) }) as tf.Scalar;
  const { value, grad } = tf.valueAndGrad(f)(student[1]![role]);
  await Promise.all([value.data(), grad.data()]);
  tf.dispose([value, grad]);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`loss terms, value + gradient, ${backend}, batch ${batch}, inputs ${height}x${width}, outputs ${h}x${w}x${classes}, ${reps} reps after 1 warm-up`);
console.log('| term | median ms | min ms |');
console.log('| --- | --- | --- |');
for (const [name, term] of terms) {
  await valueAndGradient(term);
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const start = performance.now();
    await valueAndGradient(term);
    times.push(performance.now() - start);
  }
  console.log(`| ${name} | ${median(times).toFixed(1)} | ${Math.min(...times).toFixed(1)} |`);
}
