// Child process of the kill-while-saving test: saves large checkpoints in a loop until killed.
// Checkpoint `step` holds one tensor filled with the value `step`, so the parent can verify it.
import { CheckpointStore } from '../src/checkpoint/checkpoint-store.js';

const [dir, firstStep, floats] = process.argv.slice(2);
const store = new CheckpointStore(dir!, 2);
for (let step = Number(firstStep); ; step++) {
  const data = new Float32Array(Number(floats)).fill(step);
  process.stdout.write(`saving ${step}\n`);
  await store.save(step, { tensors: new Map([['weights', { dtype: 'F32', shape: [data.length], data }]]), state: { step, note: 'child' } });
  process.stdout.write(`saved ${step}\n`);
}
