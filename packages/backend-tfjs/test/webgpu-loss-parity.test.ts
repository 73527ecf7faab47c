import { buildEspnet, buildMobileNetV2, type SegmentationModel } from '@vidseg/models';
import { registerTrainingKernels } from '@vidseg/tfjs-ops';
import { describe, expect, it } from 'vitest';
import { trainingStep } from '../bench/gpu/training-step.js';
import { nodeModuleLoader } from '../src/backend/module-loader.js';
import { selectBackend } from '../src/backend/select-backend.js';
import { relativeDifference, softwareAdapter, softwareSkipReason, useWebgpu } from './software-webgpu.js';

// The loss parity: ten steps of the GPU benchmark's training step (train-mode forward,
// cross-entropy, every gradient, SGD with momentum and weight decay) on WebGPU, through every fused
// program, give wasm's losses within 1e-4 relative. Small inputs, batch 2; dropout off, since
// WebGPU draws its masks on the device (they differ from wasm's by design).
const available = await softwareAdapter();
const STEPS = 10;

/** The losses of `STEPS` benchmark steps of `build()`'s model on `backend` (each read after its step). */
async function losses(backend: 'webgpu' | 'wasm', build: () => SegmentationModel, height: number, width: number): Promise<number[]> {
  if (backend === 'webgpu') await useWebgpu();
  else await selectBackend('wasm', { loader: nodeModuleLoader, wasmThreads: 1 });
  await registerTrainingKernels();
  const training = trainingStep(build(), 2, height, width);
  try {
    const values: number[] = [];
    for (let step = 0; step < STEPS; step++) {
      const loss = training.run();
      values.push((await loss.data())[0]!);
      loss.dispose();
    }
    return values;
  } finally {
    training.dispose();
  }
}

describe.skipIf(!available)(`training losses on WebGPU (software adapter) against wasm${softwareSkipReason(available)}`, { timeout: 600_000 }, () => {
  it.each([
    ['ESPNet (CamVid)', () => buildEspnet({ variant: 'camvid' }), 32, 64],
    ['MobileNetV2 x0.5, output stride 8, no dropout', () => buildMobileNetV2({ classes: 'camvid', widthMultiplier: 0.5, outputStride: 8, dropout: 0 }), 32, 64],
  ] as const)('%s: ten steps agree within 1e-4 relative', async (_name, build, height, width) => {
    const gpu = await losses('webgpu', build, height, width);
    const cpu = await losses('wasm', build, height, width);
    expect(gpu).toHaveLength(STEPS);
    expect(cpu.every(Number.isFinite)).toBe(true);
    // The losses must move (the steps train), else agreement would say little.
    expect(Math.abs(cpu[STEPS - 1]! - cpu[0]!)).toBeGreaterThan(1e-3);
    gpu.forEach((loss, step) => expect(relativeDifference([loss], [cpu[step]!]), `step ${step + 1}: webgpu ${loss}, wasm ${cpu[step]}`).toBeLessThan(1e-4));
  });
});
