import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerTrainingKernels } from '@vidseg/tfjs-ops';
import { describe, expect, it } from 'vitest';
import { everyOpGraph, handleOf, randomInput, randomWeights } from '../../test/test-models.js';
import { TfjsNetwork } from './tfjs-network.js';

/** Gradients of a fixed random projection of every output, in train mode, on `backend`. */
async function gradients(backend: string, frozenNormalization = false): Promise<Map<string, Float32Array>> {
  await tf.setBackend(backend);
  await registerTrainingKernels();
  const graph = everyOpGraph();
  const network = new TfjsNetwork(handleOf(graph), randomWeights(graph, 3), { seed: 1, frozenNormalization });
  const { nhwc } = randomInput([2, 3, 13, 18], 5);
  const parameters = [...network.parameters.values()];
  const { grads, value } = tf.variableGrads(() => {
    const outputs = network.run({ image: nhwc }, 'train');
    const terms = Object.values(outputs).map((y, i) => tf.sum(tf.mul(y, tf.randomNormal(y.shape, 0, 1, 'float32', 100 + i))));
    return tf.addN(terms) as tf.Scalar;
  }, parameters);
  const result = new Map<string, Float32Array>();
  for (const [name, variable] of network.parameters) result.set(name, (await grads[variable.name]!.data()) as Float32Array);
  tf.dispose([nhwc, value, ...Object.values(grads)]);
  network.dispose();
  return result;
}

describe('network gradients', () => {
  it.each([false, true])('agree between wasm (with the training kernels) and the cpu reference kernels for every op in train mode (frozen normalisation: %s)', async (frozen) => {
    const cpu = await gradients('cpu', frozen);
    const wasm = await gradients('wasm', frozen);
    expect([...wasm.keys()]).toEqual([...cpu.keys()]);
    // A bias before a train-mode batch norm has a zero true gradient: compare it at the scale of the others.
    const largest = Math.max(...[...cpu.values()].map((g) => Math.max(...g.map(Math.abs))));
    for (const [name, reference] of cpu) {
      const scale = Math.max(1e-2 * largest, ...reference.map(Math.abs));
      const actual = wasm.get(name)!;
      const worst = reference.reduce((max, v, i) => Math.max(max, Math.abs(v - actual[i]!)), 0);
      expect(worst / scale, name).toBeLessThan(1e-4);
    }
  });
});
