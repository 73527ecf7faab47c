// Imports every entry of this package and of the @vidseg packages it depends on, by package name, so
// that any registration done as a side effect of loading them would already be in place when the
// test looks.
import '@vidseg/core/node';
import '@vidseg/tfjs-ops';
import '@vidseg/losses';
import { TOKENS, createContainer, pluginRegistry } from '@vidseg/core';
import { rootContainer } from '@vidseg/core/testing';
import { register } from '@vidseg/losses';
import { describe, expect, it } from 'vitest';

describe('@vidseg/losses', () => {
  it('registers nothing when imported; register(container) adds its plugins to that container only', () => {
    expect(rootContainer.isRegistered(TOKENS.pluginRegistry, true)).toBe(false);
    expect(pluginRegistry(createContainer()).describe()).toEqual([]);

    const container = createContainer();
    register(container);
    expect(pluginRegistry(container).describe().every((p) => p.packageName === '@vidseg/losses')).toBe(true);
    expect(pluginRegistry(container).describe()).toHaveLength(7);
    expect(pluginRegistry(createContainer()).describe()).toEqual([]);
  });
});
