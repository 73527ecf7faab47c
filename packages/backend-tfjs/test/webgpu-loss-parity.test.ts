import { buildEspnet, buildMobileNetV2, type SegmentationModel } from '@vidseg/models';
import { registerTrainingKernels } from '@vidseg/tfjs-ops';
import { describe, expect, it } from 'vitest';
import { trainingStep } from '../bench/gpu/training-step.js';
import { nodeModuleLoader } from '../src/backend/module-loader.js';
import { selectBackend } from '../src/backend/select-backend.js';
import { relativeDifference, softwareAdapter, softwareSkipReason, useWebgpu } from './software-webgpu.js';

// The loss parity: the GPU benchmark's training step (train-mode forward, cross-entropy,
// every gradient, SGD with momentum and weight decay) on WebGPU, through every fused program, against
// wasm. Small inputs, batch 2; dropout off, since WebGPU draws its masks on the device (they differ
// from wasm's by design).
const available = await softwareAdapter();

/** The losses of `steps` benchmark steps of `build()`'s model (batch 2) on `backend`, each read after its step. */
async function losses(backend: 'webgpu' | 'wasm', build: () => SegmentationModel, height: number, width: number, steps: number): Promise<number[]> {
  if (backend === 'webgpu') await useWebgpu();
  else await selectBackend('wasm', { loader: nodeModuleLoader, wasmThreads: 1 });
  await registerTrainingKernels();
  const training = trainingStep(build(), 2, height, width);
  try {
    const values: number[] = [];
    for (let step = 0; step < steps; step++) {
      const loss = training.run();
      values.push((await loss.data())[0]!);
      loss.dispose();
    }
    return values;
  } finally {
    training.dispose();
  }
}

/** Every step's WebGPU loss within 1e-4 of wasm's, relative. */
function expectSameLosses(gpu: number[], cpu: number[]): void {
  expect(gpu).toHaveLength(cpu.length);
  gpu.forEach((loss, step) => expect(relativeDifference([loss], [cpu[step]!]), `step ${step + 1}: webgpu ${loss}, wasm ${cpu[step]}`).toBeLessThan(1e-4));
}

describe.skipIf(!available)(`training losses on WebGPU (software adapter) against wasm${softwareSkipReason(available)}`, { timeout: 900_000 }, () => {
  it('ESPNet (CamVid), 32 x 64: ten steps agree within 1e-4 relative', async () => {
    const build = () => buildEspnet({ variant: 'camvid' });
    const gpu = await losses('webgpu', build, 32, 64, 10);
    const cpu = await losses('wasm', build, 32, 64, 10);
    // The losses must move (the steps train), else agreement would say little.
    expect(Math.abs(cpu[9]! - cpu[0]!)).toBeGreaterThan(1e-3);
    expectSameLosses(gpu, cpu);
  });

  // MobileNetV2's losses over ten such steps drift apart between any two engines: cpu and wasm by
  // 1.4e-2 at step 9 (32 x 64); its first-step gradients differ between cpu, wasm and WebGPU by up to
  // 6 % of some tensors' largest values (see the README, "Loss parity"). The first two steps agree.
  it('MobileNetV2 x0.5 (output stride 8, no dropout), 64 x 128: the first two steps agree within 1e-4 relative', async () => {
    const build = () => buildMobileNetV2({ classes: 'camvid', widthMultiplier: 0.5, outputStride: 8, dropout: 0 });
    const gpu = await losses('webgpu', build, 64, 128, 2);
    const cpu = await losses('wasm', build, 64, 128, 2);
    expect(cpu[1]).not.toBe(cpu[0]);
    expectSameLosses(gpu, cpu);
  });
});
