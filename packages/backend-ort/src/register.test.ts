// Imports every entry of this package and of the vidseg packages it may depend on, by package
// name, so that any registration done as a side effect of loading them would already be in place
// when the first test looks.
import '@vidseg/core/node';
import '@vidseg/models/node';
import { TOKENS, createContainer, createRunContainer, pluginRegistry, register as registerCore } from '@vidseg/core';
import { rootContainer } from '@vidseg/core/testing';
import { register as registerModels } from '@vidseg/models';
import { register as registerTfjs } from '@vidseg/backend-tfjs';
import { register as registerOrt } from '@vidseg/backend-ort';
import { describe, expect, it } from 'vitest';
import { register } from './register.js';
import { OrtWebRuntime } from './runtime/ort-web-runtime.js';

describe('register', () => {
  it('importing @vidseg/backend-ort (or core, models, backend-tfjs) registers nothing; each register(container) adds its plugins there only', () => {
    expect(rootContainer.isRegistered(TOKENS.pluginRegistry, true)).toBe(false);
    expect(pluginRegistry(createContainer()).describe()).toEqual([]);

    const container = createContainer();
    for (const add of [registerCore, registerModels, registerTfjs, registerOrt]) add(container);
    const byPackage = new Map<string, string[]>();
    for (const p of pluginRegistry(container).describe()) byPackage.set(p.packageName, [...(byPackage.get(p.packageName) ?? []), `${p.kind}:${p.name}`]);
    expect(byPackage.get('@vidseg/backend-ort')).toEqual(['flow:onnx', 'runtime:auto', 'runtime:ort-node', 'runtime:ort-web', 'runtime:ort-webgpu', 'teacher:onnx']);
    expect([...byPackage.keys()].sort()).toEqual(['@vidseg/backend-ort', '@vidseg/backend-tfjs', '@vidseg/core', '@vidseg/models']);
    expect(pluginRegistry(createContainer()).describe()).toEqual([]);
  });

  it('adds the runtimes, the teacher and the flow estimator; builds them from config entries', () => {
    const container = createContainer();
    register(container);
    const registry = pluginRegistry(container);
    expect(registry.names('runtime')).toEqual(['auto', 'ort-node', 'ort-web', 'ort-webgpu']);
    expect(registry.names('teacher')).toEqual(['onnx']);
    expect(registry.names('flow')).toEqual(['onnx']);
    const run = createRunContainer(container, { seed: 0 });
    const runtime = registry.create(run, 'runtime', { type: 'ort-web', threads: 2 });
    expect(runtime).toBeInstanceOf(OrtWebRuntime);
    expect((runtime as unknown as { options: { threads: number } }).options.threads).toBe(2);
    expect(() => registry.create(run, 'runtime', { type: 'ort-web', threads: 0 })).toThrow(/threads/);
  });
});
