import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {
  createContainer,
  DataError,
  register as registerCore,
  TOKENS,
  vidsegConfigSchema,
  type ClipSample,
  type ClipSampler,
  type DependencyContainer,
  type RandomSource,
} from '@vidseg/core';
import { register as registerData } from '@vidseg/data';
import { register as registerFlow } from '@vidseg/flow';
import { register as registerLosses } from '@vidseg/losses';
import { register as registerModels } from '@vidseg/models';
import { conv2dTrainable, convTranspose2d, resizeBilinear } from '@vidseg/tfjs-ops';
import { describe, expect, it } from 'vitest';
import { CheckpointStore } from '../src/checkpoint/checkpoint-store.js';
import { deviceDropoutMask } from '../src/backend/webgpu/dropout-mask.js';
import { register } from '../src/register.js';
import { buildTrainingRun } from '../src/train/build-training-run.js';
import { afterEachStep } from './after-each-step.js';
import { SOFTWARE, softwareAdapter, softwareSkipReason, useWebgpu } from './software-webgpu.js';

const available = await softwareAdapter();

/** Gradients of a loss through every op the GPU path replaces, for the given backend. */
async function gradients(backend: 'webgpu' | 'cpu', inputs: Record<string, Float32Array | number[]>, shapes: Record<string, number[]>): Promise<Float32Array[]> {
  if (backend === 'cpu') await tf.setBackend('cpu');
  else await useWebgpu();
  const tensors = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, tf.tensor(v, shapes[k]!)]));
  const { x, w3, wd, wt, long } = tensors as Record<string, tf.Tensor4D>;
  const loss = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor, d: tf.Tensor, e: tf.Tensor) => {
    const strided = conv2dTrainable(a as tf.Tensor4D, b as tf.Tensor4D, { stride: 2, padding: 1 });
    const dilated = conv2dTrainable(strided, b as tf.Tensor4D, { dilation: 2, padding: 2 });
    const depthwise = conv2dTrainable(dilated, c as tf.Tensor4D, { groups: 3, stride: 2, padding: 1 });
    const up = convTranspose2d(depthwise, d as tf.Tensor4D, { stride: 2 });
    const aligned = resizeBilinear(up, [40, 72], 'align-corners');
    const half = resizeBilinear(up, [24, 40], 'half-pixel');
    // A long product with a small output (split into parts on WebGPU), and Sum / Mean gradients.
    const product = tf.matMul(tf.reshape(aligned, [-1, 3]), tf.reshape(e, [-1, 3]), true, false);
    return tf.add(tf.sum(tf.add(tf.mean(tf.square(aligned)), tf.sum(tf.mul(half, half), [1, 2]))), tf.sum(product));
  };
  const grads = tf.grads(loss)([x!, w3!, wd!, wt!, long!]);
  const values = await Promise.all(grads.map(async (g) => (await g.data()) as Float32Array));
  tf.dispose([...grads, ...Object.values(tensors)]);
  return values;
}

/** Five steps of the tiny zoo model with cross-entropy (labels checked) on synthetic clips, then a checkpoint in `runDir` when given. */
async function trainTiny(backend: object, clips?: ClipSampler, runDir?: string): Promise<{ losses: number[]; miou: number; checkpoint?: string }> {
  const container: DependencyContainer = createContainer();
  for (const add of [registerCore, registerModels, registerLosses, registerData, registerFlow, register]) add(container);
  const synthetic = { type: 'synthetic', split: 'train', clips: 2, framesPerClip: 3, size: [32, 48] };
  const config = vidsegConfigSchema.parse({
    seed: 4,
    backend,
    model: { type: 'tiny', classes: 'camvid', width: 8 },
    // Evaluated on its training split.
    data: { train: synthetic, val: synthetic, sampler: { mode: 'pair', gaps: [1] } },
    flow: { type: 'exact' },
    losses: [{ type: 'cross-entropy', weight: 1 }],
    eval: { metrics: [{ type: 'miou' }] },
    train: { steps: 5, batchSize: 2, lr: 0.05, checkpointEvery: 0, inputSize: [32, 48] },
  });
  if (clips) container.register(TOKENS.clipSamplerFactory, { useValue: () => clips });
  const losses: number[] = [];
  const trainer = await buildTrainingRun({ config, container, ...(runDir ? { runDir } : {}), hooks: [afterEachStep((r) => losses.push(r.loss))] });
  try {
    const summary = await trainer.run();
    return { losses, miou: summary.evaluation!.values.miou!, ...(summary.checkpoint ? { checkpoint: summary.checkpoint } : {}) };
  } finally {
    await trainer.dispose();
  }
}

const skipReason = softwareSkipReason(available);

// The WebGPU path on the software adapter (software-webgpu.ts); skipped where there is none (CI), the H100 runs are in bench/gpu.
describe.skipIf(!available)(`webgpu on a software adapter (Dawn OpenGL over Mesa llvmpipe)${skipReason}`, { timeout: 600_000 }, () => {
  it('gives the cpu reference gradients through the replaced convolution, resize, reduction and matmul gradients', async () => {
    const random = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 0.5);
    const shapes = { x: [2, 40, 72, 3], w3: [3, 3, 3, 3], wd: [3, 3, 3, 1], wt: [2, 2, 3, 3], long: [2, 40, 72, 3] };
    const inputs = Object.fromEntries(Object.entries(shapes).map(([k, s], i) => [k, random(s.reduce((a, b) => a * b, 1), i)]));
    const gpu = await gradients('webgpu', inputs, shapes);
    const cpu = await gradients('cpu', inputs, shapes);
    gpu.forEach((g, i) => {
      const scale = Math.max(...cpu[i]!.map(Math.abs));
      const worst = Math.max(...g.map((v, j) => Math.abs(v - cpu[i]![j]!)));
      expect(worst / scale, `gradient ${Object.keys(shapes)[i]}`).toBeLessThan(1e-4);
    });
  });

  it('draws dropout masks on the device: inverted scale, the requested rate, fixed by the seed', async () => {
    await useWebgpu();
    const [a, b, c] = [deviceDropoutMask([50, 1000], 0.3, 9)!, deviceDropoutMask([50, 1000], 0.3, 9)!, deviceDropoutMask([50, 1000], 0.3, 10)!];
    const values = (await a.data()) as Float32Array;
    const zeros = values.filter((v) => v === 0).length / values.length;
    expect(zeros).toBeGreaterThan(0.29);
    expect(zeros).toBeLessThan(0.31);
    expect(new Set(values)).toEqual(new Set([0, 1 / 0.7].map(Math.fround)));
    expect(Array.from((await b.data()) as Float32Array)).toEqual(Array.from(values));
    expect(Array.from((await c.data()) as Float32Array)).not.toEqual(Array.from(values));
    tf.dispose([a, b, c]);
    await tf.setBackend('cpu');
    expect(deviceDropoutMask([2, 2], 0.5, 1)).toBeUndefined();
  });

  it('trains through createTrainer with label checks on (moved to the host), matches the cpu losses and writes a checkpoint', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'vidseg-webgpu-'));
    try {
      const gpu = await trainTiny({ type: 'webgpu', ...SOFTWARE }, undefined, runDir);
      expect(tf.getBackend()).toBe('webgpu');
      const saved = await CheckpointStore.load(gpu.checkpoint!);
      expect(saved.tensors.size).toBeGreaterThan(0);
      const cpu = await trainTiny({ type: 'cpu' });
      expect([gpu.losses.length, cpu.losses.length]).toEqual([5, 5]);
      gpu.losses.forEach((loss, i) => expect(Math.abs(loss - cpu.losses[i]!) / cpu.losses[i]!).toBeLessThan(1e-4));
      expect(gpu.miou).toBeCloseTo(cpu.miou, 4);
    } finally {
      await rm(runDir, { recursive: true, force: true });
    }
  });

  it('rejects labels outside the classes on webgpu, naming the loss and the frame', async () => {
    const bad: ClipSampler = {
      size: 1,
      async sample(_position: number, _random: RandomSource): Promise<ClipSample> {
        const image = { width: 48, height: 32, channels: 3 as const, data: new Uint8Array(48 * 32 * 3) };
        const label = { width: 48, height: 32, data: new Uint8Array(48 * 32).fill(200) };
        return { frames: [{ image, label, id: 'bad-frame' }], target: 0 };
      },
    };
    const error = await trainTiny({ type: 'webgpu', ...SOFTWARE }, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(/^losses\[0\] \(cross-entropy\) labels of frame bad-frame: 1536 pixel\(s\) have label values outside the 11 classes and the ignore label 11 \(e\.g\. 200\)/);
  });
});
