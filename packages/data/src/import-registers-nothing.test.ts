// Imports every entry of this package and of the @vidseg packages it depends on, by package name, so
// that any registration done as a side effect of loading them would already be in place when the
// test looks.
import '@vidseg/core/node';
import '@vidseg/flow';
import '@vidseg/data';
import { TOKENS, createContainer, pluginRegistry } from '@vidseg/core';
import { rootContainer } from '@vidseg/core/testing';
import { register as registerFlow } from '@vidseg/flow';
import { register as registerData } from '@vidseg/data';
import { describe, expect, it } from 'vitest';

describe('@vidseg/data and @vidseg/flow', () => {
  it('register nothing when imported; register(container) adds their plugins to that container only', () => {
    expect(rootContainer.isRegistered(TOKENS.pluginRegistry, true)).toBe(false);
    expect(pluginRegistry(createContainer()).describe()).toEqual([]);

    const container = createContainer();
    registerFlow(container);
    registerData(container);
    const names = pluginRegistry(container)
      .describe()
      .map((p) => `${p.packageName} ${p.kind}:${p.name}`);
    expect(names.filter((n) => n.startsWith('@vidseg/data '))).toHaveLength(6);
    expect(names.filter((n) => n.startsWith('@vidseg/flow ')).length).toBeGreaterThanOrEqual(3);
    expect(pluginRegistry(createContainer()).describe()).toEqual([]);
  });
});
