import { describe, expect, it } from 'vitest';
import { createContainer, createRunContainer, pluginRegistry, type InferenceRuntime } from '@vidseg/core';
import { register } from './register.js';
import { OrtWebRuntime } from './runtime/ort-web-runtime.js';

describe('register', () => {
  it('adds the runtimes, the teacher and the flow estimator; builds them from config entries', () => {
    const container = createContainer();
    register(container);
    const registry = pluginRegistry(container);
    expect(registry.names('runtime')).toEqual(['auto', 'ort-node', 'ort-web', 'ort-webgpu']);
    expect(registry.names('teacher')).toEqual(['onnx']);
    expect(registry.names('flow')).toEqual(['onnx']);
    const run = createRunContainer(container, { seed: 0 });
    const runtime = registry.create<InferenceRuntime>(run, 'runtime', { type: 'ort-web', threads: 2 });
    expect(runtime).toBeInstanceOf(OrtWebRuntime);
    expect((runtime as unknown as { options: { threads: number } }).options.threads).toBe(2);
    expect(() => registry.create(run, 'runtime', { type: 'ort-web', threads: 0 })).toThrow(/threads/);
  });
});
