// The software WebGPU adapter of the tests: Dawn's OpenGL backend over Mesa's llvmpipe (Debian's
// mesa-vulkan-drivers / libegl-mesa0, EGL_PLATFORM=surfaceless), at the compatibility feature level.
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { nodeModuleLoader } from '../src/backend/module-loader.js';
import { selectBackend } from '../src/backend/select-backend.js';

/** Backend settings that select the software adapter (tuned training path). */
export const SOFTWARE = { dawnFlags: ['backend=opengl'], featureLevel: 'compatibility', stockTfjs: false } as const;

/** Whether the software adapter exists here (Dawn installed, Mesa's EGL found). */
export async function softwareAdapter(): Promise<boolean> {
  process.env.EGL_PLATFORM ??= 'surfaceless';
  if (!nodeModuleLoader.isInstalled('webgpu')) return false;
  try {
    const { create } = (await import('webgpu')) as { create(flags: string[]): { requestAdapter(o: object): Promise<object | null> } };
    return (await create([...SOFTWARE.dawnFlags]).requestAdapter({ featureLevel: SOFTWARE.featureLevel })) !== null;
  } catch {
    return false;
  }
}

/** The reason a suite on the software adapter is skipped ('' when it runs). */
export const softwareSkipReason = (available: boolean) => (available ? '' : ' (skipped: no software WebGPU adapter here; apt-get install mesa-vulkan-drivers to run it)');

/** Activates the WebGPU backend on the software adapter (tuned path). */
export async function useWebgpu(): Promise<void> {
  const selection = await selectBackend('webgpu', { loader: nodeModuleLoader, wasmThreads: 1, webgpu: SOFTWARE });
  expect(selection).toMatchObject({ engine: 'webgpu', synchronousReads: false });
}

/** max |actual - expected| / max |expected|. */
export function relativeDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return worst / scale;
}

/** The values of `run()`'s tensors on `backend` (each read asynchronously, then disposed). */
export async function valuesOn(backend: 'webgpu' | 'cpu', run: () => tf.Tensor[]): Promise<Float32Array[]> {
  if (backend === 'cpu') await tf.setBackend('cpu');
  else await useWebgpu();
  const tensors = run();
  const values = await Promise.all(tensors.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose(tensors);
  return values;
}
