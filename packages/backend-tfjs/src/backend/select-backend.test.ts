import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { createContainer, createRunContainer, pluginRegistry, UsageError, type ProgressReporter } from '@vidseg/core';
import { afterEach, describe, expect, it } from 'vitest';
import { MODULE_LOADER_TOKEN, tfjsBackendRequest } from './backend-request.js';
import type { ModuleLoader } from './module-loader.js';
import { registerBackends } from './register-backends.js';
import { selectBackend } from './select-backend.js';

/** A loader that sees only `installed`; loading runs the given effect (e.g. registering a fake backend). */
function fakeLoader(installed: Record<string, () => unknown>): ModuleLoader & { loaded: string[] } {
  const loaded: string[] = [];
  return {
    loaded,
    isInstalled: (name) => name in installed,
    load: async (name) => {
      loaded.push(name);
      return installed[name]!();
    },
  };
}

/** Registers a stand-in for tfjs-node's "tensorflow" backend (the cpu kernels), with or without a GPU. */
function registerFakeTensorflow(gpu: boolean): void {
  tf.registerBackend('tensorflow', () => Object.assign(new MathBackendCPU(), { isUsingGpuDevice: gpu }));
}

const options = (loader: ModuleLoader) => ({ loader, wasmThreads: 1 });

async function usageError(promise: Promise<unknown>): Promise<UsageError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('selectBackend', () => {
  afterEach(async () => {
    if (tf.findBackendFactory('tensorflow')) tf.removeBackend('tensorflow');
    await tf.setBackend('cpu');
  });

  it('auto falls back to wasm, saying why, when no native TensorFlow is installed', async () => {
    const loader = fakeLoader({});
    const selection = await selectBackend('auto', options(loader));
    expect(selection).toEqual({
      engine: 'wasm',
      reason: 'wasm (auto): neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node is installed',
      synchronousReads: true,
    });
    expect(tf.getBackend()).toBe('wasm');
    expect(loader.loaded).toEqual([]);
  });

  it('auto picks tfjs-node-gpu when it reports a GPU, and never loads tfjs-node then', async () => {
    const loader = fakeLoader({ '@tensorflow/tfjs-node-gpu': () => registerFakeTensorflow(true), '@tensorflow/tfjs-node': () => registerFakeTensorflow(false) });
    const selection = await selectBackend('auto', options(loader));
    expect(selection).toEqual({ engine: 'tensorflow', reason: 'tensorflow: native TensorFlow through @tensorflow/tfjs-node-gpu, on a GPU', synchronousReads: true });
    expect(loader.loaded).toEqual(['@tensorflow/tfjs-node-gpu']);
    expect(tf.getBackend()).toBe('tensorflow');
  });

  it('auto says when tfjs-node-gpu sees no GPU, and uses plain tfjs-node when only it is installed', async () => {
    const gpuLess = await selectBackend('auto', options(fakeLoader({ '@tensorflow/tfjs-node-gpu': () => registerFakeTensorflow(false) })));
    expect(gpuLess.reason).toBe('tensorflow: native TensorFlow through @tensorflow/tfjs-node-gpu, on the CPU: tfjs-node-gpu sees no GPU');
    tf.removeBackend('tensorflow');
    const cpu = await selectBackend('auto', options(fakeLoader({ '@tensorflow/tfjs-node': () => registerFakeTensorflow(false) })));
    expect(cpu.reason).toBe('tensorflow: native TensorFlow through @tensorflow/tfjs-node, on the CPU');
  });

  it('auto falls back past a native package that fails to load or binds another tfjs-core', async () => {
    const loader = fakeLoader({
      '@tensorflow/tfjs-node-gpu': () => {
        throw new Error('libcudart.so.11.0: cannot open shared object file');
      },
      '@tensorflow/tfjs-node': () => undefined,
    });
    const selection = await selectBackend('auto', options(loader));
    expect(selection.engine).toBe('wasm');
    expect(selection.reason).toContain('@tensorflow/tfjs-node-gpu is installed but failed to load (libcudart.so.11.0');
    expect(selection.reason).toContain('@tensorflow/tfjs-node loaded but registered its backend with another copy of @tensorflow/tfjs-core');
  });

  it('an explicit "tensorflow" that is not installed is an error saying how to get it', async () => {
    const error = await usageError(selectBackend('tensorflow', options(fakeLoader({}))));
    expect(error.message).toMatch(/^backend "tensorflow" is not available: neither @tensorflow\/tfjs-node-gpu nor @tensorflow\/tfjs-node is installed/);
    expect(error.hint).toMatch(/install @tensorflow\/tfjs-node@4\.22\.0 .* Or choose backend "wasm"/);
  });

  it('an explicit "webgpu" names the missing packages, or the missing adapter', async () => {
    const missing = await usageError(selectBackend('webgpu', options(fakeLoader({ webgpu: () => ({}) }))));
    expect(missing.message).toBe('backend "webgpu" is not available: @tensorflow/tfjs-backend-webgpu not installed\n  hint: ' + missing.hint);
    expect(missing.hint).toMatch(/webgpu@0\.6\.2 .* Vulkan/);
    const dawn = { create: () => ({ requestAdapter: async () => null }) };
    const loader = fakeLoader({ webgpu: () => dawn, '@tensorflow/tfjs-backend-webgpu': () => undefined });
    const noAdapter = await usageError(selectBackend('webgpu', options(loader)));
    expect(noAdapter.message).toMatch(/Dawn found no GPU adapter/);
    expect(loader.loaded).toEqual(['webgpu']);
  });

  it('is reachable as backend plugins that log the choice through the run progress reporter', async () => {
    const messages: string[] = [];
    const progress: ProgressReporter = { start: () => ({ advance: () => undefined, done: () => undefined }), log: (m) => messages.push(m), warn: (m) => messages.push(m) };
    const container = createContainer();
    registerBackends(container);
    const run = createRunContainer(container, { seed: 0 }, progress);
    run.register(MODULE_LOADER_TOKEN, { useValue: fakeLoader({}) });
    const request = pluginRegistry(run).create(run, 'backend', { type: 'auto' });
    const backend = await request.activate();
    expect(backend.name).toBe('wasm');
    expect(messages).toEqual(['training backend: wasm (auto): neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node is installed']);
    expect(() => pluginRegistry(run).create(run, 'backend', { type: 'wasm', threads: 0 })).toThrow(/threads/);
  });

  it('gives each backend only the options it reads: webgpu its Dawn settings, wasm and auto threads, cpu none', () => {
    const container = createContainer();
    registerBackends(container);
    const registry = pluginRegistry(container);
    const optionsOf = (name: string) => Object.keys((registry.describe('backend').find((d) => d.name === name)!.optionsSchema.properties ?? {}) as object);
    expect(optionsOf('webgpu')).toEqual(['dawnFlags', 'featureLevel', 'stockTfjs']);
    expect([optionsOf('wasm'), optionsOf('auto'), optionsOf('cpu'), optionsOf('tensorflow')]).toEqual([['threads'], ['threads'], [], []]);
    const run = createRunContainer(container, { seed: 0 });
    expect(() => registry.create(run, 'backend', { type: 'wasm', dawnFlags: ['backend=vulkan'] })).toThrow(/dawnFlags/);
    expect(tfjsBackendRequest(registry.create(run, 'backend', { type: 'webgpu', featureLevel: 'compatibility' }), 'webgpu').requested).toBe('webgpu');
  });
});
