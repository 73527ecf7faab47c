// Imports every entry of the packages this one may depend on, by package name, so that any
// registration done as a side effect of loading them would already be in place when the test looks.
import '@vidseg/core/node';
import '@vidseg/models/node';
import { TOKENS, createContainer, pluginRegistry, register as registerCore } from '@vidseg/core';
import { rootContainer } from '@vidseg/core/testing';
import { register as registerModels } from '@vidseg/models';
import { describe, expect, it } from 'vitest';

describe('@vidseg/models', () => {
  it('registers nothing when imported (nor does core); register(container) adds the zoo to that container only', () => {
    expect(rootContainer.isRegistered(TOKENS.pluginRegistry, true)).toBe(false);
    expect(pluginRegistry(createContainer()).describe()).toEqual([]);

    const container = createContainer();
    registerCore(container);
    registerModels(container);
    const described = pluginRegistry(container).describe();
    expect(described.filter((p) => p.packageName === '@vidseg/core').map((p) => p.name)).toEqual(['miou', 'tc', 'unchanged', 'vc']);
    expect(described.filter((p) => p.packageName === '@vidseg/models').map((p) => `${p.kind}:${p.name}`)).toEqual([
      'model:espnet',
      'model:mobilenetv2',
      'model:pspnet',
      'model:tiny',
      'model:tiny-every-op',
    ]);
    expect(pluginRegistry(createContainer()).describe()).toEqual([]);
  });
});
