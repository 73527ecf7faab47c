// Imports the package entries first, by package name, so that any registration done as a side
// effect of loading them would already be in place when the test looks.
import '@vidseg/core/node';
import { TOKENS, createContainer, pluginRegistry, register } from '@vidseg/core';
import { rootContainer } from '@vidseg/core/testing';
import { describe, expect, it } from 'vitest';

describe('@vidseg/core', () => {
  it('registers nothing when imported; register(container) adds its metrics to that container only', () => {
    expect(rootContainer.isRegistered(TOKENS.pluginRegistry, true)).toBe(false);
    expect(pluginRegistry(createContainer()).describe()).toEqual([]);

    const container = createContainer();
    register(container);
    expect(pluginRegistry(container).describe().map((p) => `${p.packageName} ${p.kind}:${p.name}`)).toEqual([
      '@vidseg/core metric:miou',
      '@vidseg/core metric:tc',
      '@vidseg/core metric:unchanged',
      '@vidseg/core metric:vc',
    ]);
    expect(pluginRegistry(createContainer()).describe()).toEqual([]);
  });
});
