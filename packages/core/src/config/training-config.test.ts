import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { vidsegConfigSchema } from './config-schema.js';
import { requireTrainingConfig } from './training-config.js';

describe('evaluation-only configs', () => {
  const evalOnly = vidsegConfigSchema.parse({ model: { type: 'espnet' }, data: { test: { type: 'frames', root: 'x' } }, eval: { metrics: [{ type: 'miou' }] } });

  it('validate with a model, a dataset and metrics: no training set, no losses', () => {
    expect(evalOnly.data.train).toBeUndefined();
    expect(evalOnly.losses).toEqual([]);
    expect(vidsegConfigSchema.parse({ model: { type: 'espnet' } }).data).toEqual({ sampler: {} });
  });

  it('cannot train: both missing sections are named with their paths and the file', () => {
    const error = (() => {
      try {
        requireTrainingConfig(evalOnly, '/x/eval.yaml');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      'data.train: missing value: training needs a training set (a dataset plugin entry) (in /x/eval.yaml)\n' +
        'losses: missing value: training needs at least one loss term, e.g. [{ type: cross-entropy }] (in /x/eval.yaml)',
    );
  });

  it('passes a training config through', () => {
    const config = vidsegConfigSchema.parse({ model: { type: 'tiny' }, data: { train: { type: 'synthetic' } }, losses: [{ type: 'cross-entropy' }] });
    expect(requireTrainingConfig(config).data.train.type).toBe('synthetic');
  });
});
