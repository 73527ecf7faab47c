import { createContainer, createRunContainer, pluginRegistry } from '@vidseg/core';
import { describe, expect, it } from 'vitest';
import { register } from './register.js';
import { SyntheticDataset } from './datasets/synthetic/synthetic-dataset.js';

describe('register', () => {
  it('adds the six datasets, built from config entries with defaults', () => {
    const container = createContainer();
    register(container);
    const registry = pluginRegistry(container);
    expect(registry.names('dataset')).toEqual(['camvid', 'cityscapes', 'frames', 'synthetic', 'video', 'video-folder']);
    const run = createRunContainer(container, { seed: 3 });
    const data = registry.create(run, 'dataset', { type: 'synthetic', split: 'val', clips: 2, size: [24, 32] });
    expect(data).toBeInstanceOf(SyntheticDataset);
    expect([data.split, data.size, data.classes.length, data.ignoreLabel]).toEqual(['val', 60, 11, 11]);
    expect(() => registry.create(run, 'dataset', { type: 'synthetic', clip: 2 })).toThrow(/did you mean "clips"/);
    expect(() => registry.create(run, 'dataset', { type: 'camvid' })).toThrow(/root/);
  });
});
