import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { loadConfig } from './load-config.js';
import { createMemoryFileSystem } from './memory-file-system.js';

const base = `
seed: 3
model: { type: espnet, classes: 11 }
data:
  train: { type: synthetic, clips: 20 }
losses:
  - { type: cross-entropy }
train:
  steps: 500
  lr: 0.02
`;

const files = {
  'configs/base.yaml': base,
  'configs/temporal.yaml': `
extends: ./base.yaml
losses:
  - { type: cross-entropy }
  - { type: temporal, weight: 0.1 }
train: { steps: 800 }
`,
  'configs/nested/json.json': JSON.stringify({ extends: '../temporal.yaml', run: { name: 'from-json' } }),
  'configs/cycle-a.yaml': 'extends: cycle-b.yaml\n',
  'configs/cycle-b.yaml': 'extends: ./cycle-a.yaml\n',
  'configs/bad-types.yaml': 'extends: ./base.yaml\ntrain: { steps: -4, lr: fast }\n',
  'configs/typo.yaml': 'extends: ./base.yaml\ntrian: { steps: 4 }\ntrain: { setps: 4 }\n',
  'configs/bad-weight.yaml': 'extends: ./base.yaml\nlosses: [ { type: cross-entropy }, { type: temporal }, { type: kd, weight: heavy } ]\n',
  'configs/bad.yaml': 'model: [unclosed\n',
  'configs/list.yaml': '- 1\n- 2\n',
  'configs/readme.txt': 'seed: 1',
  'configs/orphan.yaml': 'extends: ./gone.yaml\n',
  'configs/other-model.yaml': 'extends: ./base.yaml\nmodel: { type: pspnet, depth: 50 }\n',
  'configs/same-model.yaml': 'extends: ./base.yaml\nmodel: { type: espnet, p: 3 }\n',
};
const fs = createMemoryFileSystem(files);

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults and returns plain, serialisable JSON', async () => {
    const { config, files: read } = await loadConfig('configs/base.yaml', { fs });
    expect(read).toEqual(['configs/base.yaml']);
    expect(config.train.steps).toBe(500);
    expect(config.train.momentum).toBe(0.9);
    expect(config.train.schedule).toEqual({ warmupSteps: 0, power: 0.9 });
    expect(config.losses).toEqual([{ type: 'cross-entropy', weight: 1 }]);
    expect(config.backend).toEqual({ type: 'auto' });
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });

  it('follows extends across folders and formats; objects merge, lists replace', async () => {
    const { config, files: read, sourceOf } = await loadConfig('configs/nested/json.json', { fs });
    expect(read).toEqual(['configs/base.yaml', 'configs/temporal.yaml', 'configs/nested/json.json']);
    expect(config.run.name).toBe('from-json');
    expect(config.train.steps).toBe(800);
    expect(config.train.lr).toBe(0.02);
    expect(config.losses.map((l) => [l.type, l.weight])).toEqual([
      ['cross-entropy', 1],
      ['temporal', 0.1],
    ]);
    expect(sourceOf('train.lr')).toBe('configs/base.yaml');
    expect(sourceOf('losses[1].weight')).toBe('configs/temporal.yaml');
  });

  it('replaces a plugin entry that names another type instead of keeping the old options; the same type merges', async () => {
    expect((await loadConfig('configs/other-model.yaml', { fs })).config.model).toEqual({ type: 'pspnet', depth: 50 });
    expect((await loadConfig('configs/same-model.yaml', { fs })).config.model).toEqual({ type: 'espnet', classes: 11, p: 3 });
  });

  it('applies --set overrides with YAML-typed values, including list indices', async () => {
    const { config, sourceOf } = await loadConfig('configs/temporal.yaml', {
      fs,
      overrides: ['train.lr=0.005', 'losses[1].weight=0.5', 'train.inputSize=[64, 128]', 'run.name=abc', 'teacher={type: espnet}'],
    });
    expect(config.train.lr).toBe(0.005);
    expect(config.losses[1]!.weight).toBe(0.5);
    expect(config.train.inputSize).toEqual([64, 128]);
    expect(config.run.name).toBe('abc');
    expect(config.teacher).toEqual({ type: 'espnet' });
    expect(sourceOf('train.lr')).toBe('--set train.lr=0.005');
  });

  it('detects extends cycles and shows the chain', async () => {
    const error = await configError(loadConfig('configs/cycle-a.yaml', { fs }));
    expect(error.message).toBe(
      'extends: extends cycle: configs/cycle-a.yaml -> configs/cycle-b.yaml -> configs/cycle-a.yaml (in configs/cycle-b.yaml)',
    );
  });

  it('reports wrong types at their config path and file', async () => {
    const error = await configError(loadConfig('configs/bad-types.yaml', { fs }));
    expect(error.problems.map((p) => [p.path, p.file])).toEqual([
      ['train.steps', 'configs/bad-types.yaml'],
      ['train.lr', 'configs/bad-types.yaml'],
    ]);
    expect(error.message).toMatch(/train\.lr: Invalid input: expected number, received string \(in configs\/bad-types\.yaml\)/);
  });

  it('reports an error deep in a list with its index', async () => {
    const error = await configError(loadConfig('configs/bad-weight.yaml', { fs }));
    expect(error.problems[0]!.path).toBe('losses[2].weight');
    expect(error.problems[0]!.file).toBe('configs/bad-weight.yaml');
  });

  it('suggests the right key for unknown keys, at the top level and inside sections', async () => {
    const error = await configError(loadConfig('configs/typo.yaml', { fs }));
    const messages = error.problems.map((p) => `${p.path}: ${p.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^trian: unknown key "trian" \(did you mean "train"\?\)/));
    expect(messages).toContainEqual(expect.stringMatching(/^train\.setps: unknown key "setps" \(did you mean "steps"\?\)/));
  });

  it('reports a missing required section', async () => {
    const error = await configError(loadConfig('configs/base.yaml', { fs, overrides: ['model=null'] }));
    expect(error.problems[0]!.path).toBe('model');
    expect(error.problems[0]!.file).toBe('--set model=null');
  });

  it('names the file for unreadable, unparsable or unsupported files', async () => {
    await expect(loadConfig('configs/missing.yaml', { fs })).rejects.toThrow(/cannot read the config file: no such file.*\(in configs\/missing\.yaml\)/);
    await expect(loadConfig('configs/bad.yaml', { fs })).rejects.toThrow(/invalid YAML: .*\(in configs\/bad\.yaml\)/s);
    await expect(loadConfig('configs/list.yaml', { fs })).rejects.toThrow(/expected a mapping .* got a list/);
    await expect(loadConfig('configs/readme.txt', { fs })).rejects.toThrow(/unsupported config file type/);
    await expect(loadConfig('configs/orphan.yaml', { fs })).rejects.toThrow(
      /cannot read the config file \(named by extends in configs\/orphan\.yaml\): no such file \(in configs\/gone\.yaml\)/,
    );
  });

  it('rejects malformed overrides', async () => {
    await expect(loadConfig('configs/base.yaml', { fs, overrides: ['train.lr'] })).rejects.toThrow(/not of the form path=value/);
    await expect(loadConfig('configs/base.yaml', { fs, overrides: ['train..lr=1'] })).rejects.toThrow(/not a config path/);
    await expect(loadConfig('configs/base.yaml', { fs, overrides: ['seed.x=1'] })).rejects.toThrow(/seed is 3, not an object or list/);
    await expect(loadConfig('configs/base.yaml', { fs, overrides: ['losses[5].weight=1'] })).rejects.toThrow(/index 5 is out of range/);
  });
});
