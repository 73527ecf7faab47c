import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerTrainingKernels } from '@vidseg/tfjs-ops';

/** Backends the loss tests run on: the cpu reference kernels, and wasm (what training uses). */
export const BACKENDS = ['cpu', 'wasm'] as const;

/** Selects `backend` and registers the gradients and the training kernels wasm lacks; call in beforeAll. */
export async function useBackend(backend: (typeof BACKENDS)[number]): Promise<void> {
  await tf.setBackend(backend);
  await tf.ready();
  await registerTrainingKernels();
}
