import { describe, expect, it } from 'vitest';
import { createContainer, DataError, pluginRegistry, UsageError, type InferenceRuntime } from '@vidseg/core';
import { z } from 'zod';
import { exportOnnx } from '../export/export-onnx.js';
import { requireOrtNode } from '../../test/ort-node.js';
import { floatFeed, maxAbsDiff, randomNchw, randomWeights, testModel, tinySegNet } from '../../test/test-models.js';
import { OrtNodeRuntime } from './ort-node-runtime.js';
import { OrtWebRuntime } from './ort-web-runtime.js';
import { registerRuntimes } from './register-runtimes.js';
import { resolveRuntime } from './resolve-runtime.js';

const graph = tinySegNet(3);
const bytes = exportOnnx(testModel(graph, { multipleOf: 4 }), randomWeights(graph), { inputSize: [16, 24], outputs: ['logits', 'features'] });
const input = floatFeed(randomNchw([1, 3, 16, 24]));
const ortNode = await requireOrtNode();

async function usageError(action: () => Promise<unknown>): Promise<UsageError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('ONNX Runtime sessions', () => {
  it.skipIf(!ortNode.installed)(`give the same outputs on onnxruntime-node and onnxruntime-web${ortNode.skipReason}`, async () => {
    const web = await new OrtWebRuntime().createSession(bytes);
    const native = await new OrtNodeRuntime().createSession(bytes);
    expect(native.outputNames).toEqual(['logits', 'features']);
    const [a, b] = [await web.run({ image: input }), await native.run({ image: input })];
    expect(maxAbsDiff(a.logits!.data as Float32Array, b.logits!.data as Float32Array)).toBeLessThan(1e-5);
    expect(maxAbsDiff(a.features!.data as Float32Array, b.features!.data as Float32Array)).toBeLessThan(1e-5);
    await Promise.all([web.release(), native.release()]);
  });

  it('reject inputs of the wrong type, size or name, naming the tensor', async () => {
    const session = await new OrtWebRuntime().createSession(bytes);
    const wrongType = { type: 'uint8', dims: [1, 3, 16, 24], data: new Uint8Array(1152) } as const;
    expect((await usageError(() => session.run({ image: wrongType }))).message).toBe(
      'ort-web: input "image" must be float32 [1, 3, 16, 24], got uint8 [1, 3, 16, 24]',
    );
    const wrongSize = floatFeed(randomNchw([1, 3, 16, 16]));
    expect((await usageError(() => session.run({ image: wrongSize }))).message).toMatch(/input "image" must be float32 \[1, 3, 16, 24\], got float32 \[1, 3, 16, 16\]/);
    const short = { type: 'float32', dims: [1, 3, 16, 24], data: new Float32Array(10) } as const;
    expect((await usageError(() => session.run({ image: short }))).message).toMatch(/input "image" has 10 elements for dims \[1, 3, 16, 24\] \(1152 needed\)/);
    expect((await usageError(() => session.run({}))).message).toMatch(/input "image" is missing/);
    expect((await usageError(() => session.run({ image: input, frame: input }))).message).toMatch(/the model has no input "frame"/);
    await session.release();
  });

  it('reject a truncated model with a DataError quoting ONNX Runtime', async () => {
    await expect(new OrtWebRuntime().createSession(bytes.subarray(0, 500))).rejects.toThrow(DataError);
    await expect(new OrtWebRuntime().createSession(bytes.subarray(0, 500))).rejects.toThrow(/ort-web: ONNX Runtime could not load the model: .*protobuf parsing failed/);
  });
});

describe('resolveRuntime', () => {
  it(`picks onnxruntime-node when installed, else onnxruntime-web${ortNode.skipReason}`, async () => {
    expect((await resolveRuntime('auto')).name).toBe(ortNode.installed ? 'ort-node' : 'ort-web');
    expect((await resolveRuntime('ort-web')).name).toBe('ort-web');
  });

  it('auto takes the usable registered runtime of highest priority; names resolve among the registered runtimes', async () => {
    const container = createContainer();
    registerRuntimes(container);
    const fake = (name: string, available: boolean): InferenceRuntime => ({ name, isAvailable: async () => available, createSession: () => Promise.reject(new Error('unused')) });
    const [preferred, missing] = [fake('preferred', true), fake('missing', false)];
    const add = (runtime: InferenceRuntime, priority: number) =>
      pluginRegistry(container).add({ kind: 'runtime', name: runtime.name, packageName: 'test', description: 'a fake runtime', options: z.object({ threads: z.number().default(1) }), priority, factory: () => runtime });
    add(missing, 20);
    add(preferred, 10);
    expect(await resolveRuntime('auto', { threads: 1 }, container)).toBe(preferred);
    expect(await resolveRuntime('preferred' as never, { threads: 1 }, container)).toBe(preferred);
    expect((await usageError(() => resolveRuntime('preferd' as never, { threads: 1 }, container))).message).toMatch(/did you mean "preferred"\?\); known runtimes: auto, missing, ort-node/);
  });

  it('explains unknown and unavailable runtimes', async () => {
    expect((await usageError(() => resolveRuntime('ort-wbe' as never))).message).toBe(
      'unknown runtime "ort-wbe" (did you mean "ort-web"?); known runtimes: auto, ort-node, ort-web, ort-webgpu',
    );
    const webgpu = await usageError(() => resolveRuntime('ort-webgpu'));
    expect(webgpu.message).toMatch(/runtime "ort-webgpu" is not available here/);
    expect(webgpu.hint).toMatch(/navigator\.gpu/);
  });
});
