import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerTrainingKernels } from '../src/register-training-kernels.js';

/** The backends every kernel and gradient is checked on: cpu (the reference) and wasm. */
export const BACKENDS = ['cpu', 'wasm'] as const;

/** A backend the tests run on. */
export type TestBackend = (typeof BACKENDS)[number];

/**
 * Makes `backend` current with this package's kernels and gradients registered. The wasm backend
 * runs single-threaded in Node (its threaded build is not used there).
 */
export async function useBackend(backend: TestBackend): Promise<void> {
  await registerTrainingKernels();
  await tf.setBackend(backend);
  await tf.ready();
}

/** Makes `backend` current, runs `compute` there and returns its outputs' values, concatenated. */
export async function valuesOn(backend: TestBackend, compute: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array> {
  await useBackend(backend);
  const outputs = tf.tidy(() => [compute()].flat());
  const values = await Promise.all(outputs.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose(outputs);
  return concatValues(values);
}

function concatValues(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
