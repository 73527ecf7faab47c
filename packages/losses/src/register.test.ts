import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, TOKENS, UsageError, createContainer, createRunContainer, pluginRegistry } from '@vidseg/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipInputs } from '../test/clip-inputs.js';
import { scalarValue } from '../test/gradient-check.js';
import { useBackend } from '../test/tf-setup.js';
import { register } from './register.js';
import { CrossEntropyLoss } from './segmentation/cross-entropy-loss.js';
import { TemporalLoss } from './temporal/temporal-loss-term.js';

function setup() {
  const container = createContainer();
  register(container);
  const run = createRunContainer(container, { seed: 3 });
  return { registry: pluginRegistry(container), run };
}

describe('register', () => {
  beforeAll(() => useBackend('cpu'));

  it('adds the two losses, four distillers and the cached teacher, each with documented defaults', () => {
    const { registry } = setup();
    expect(registry.names('loss')).toEqual(['cross-entropy', 'temporal']);
    expect(registry.names('distiller')).toEqual(['multi-frame', 'pair-wise', 'pair-wise-frame', 'pixel-wise']);
    expect(registry.names('teacher')).toEqual(['cached']);
    for (const plugin of [...registry.describe('loss'), ...registry.describe('distiller'), ...registry.describe('teacher')]) {
      const properties = plugin.optionsSchema.properties as Record<string, { description?: string }>;
      for (const [name, property] of Object.entries(properties)) expect(property.description, `${plugin.name}.${name}`).toBeTruthy();
    }
    const temporal = registry.describe('loss').find((p) => p.name === 'temporal')!;
    expect((temporal.optionsSchema.properties as Record<string, { default?: unknown }>).alpha!.default).toBe(1);
  });

  it('builds plugins from config entries, validating options at their config path', () => {
    const { registry, run } = setup();
    const temporal = registry.create(run, 'loss', { type: 'temporal', mask: 'forward-backward' });
    expect(temporal).toBeInstanceOf(TemporalLoss);
    expect(temporal.requires.backwardFlows).toBe(true);
    expect(() => registry.create(run, 'loss', { type: 'temporal', mask: 'occlusion' }, { path: 'losses[1]' })).toThrow(ConfigError);
    expect(() => registry.create(run, 'loss', { type: 'temporal', mask: 'occlusion' }, { path: 'losses[1]' })).toThrow(/losses\[1\]\.mask/);
    expect(() => registry.create(run, 'distiller', { type: 'multi-frame', kernelSize: 4 }, { path: 'losses[2]' })).toThrow(/losses\[2\]\.kernelSize: .*must be odd/);
    expect(() => registry.create(run, 'distiller', { type: 'pair-wise-frame', poolsize: 4 }, { path: 'losses[3]' })).toThrow(/did you mean "poolSize"/);
  });

  it("takes cross-entropy's ignore label from the run's label space unless the options give one", async () => {
    const { registry, run } = setup();
    run.register(TOKENS.labelSpace, { useValue: { classes: ['a', 'b', 'c'], ignoreLabel: 2 } });
    const logits = tf.tensor4d([0, Math.log(3), 0, 0, 0, 9, 1, 1, 1], [1, 1, 3, 3]);
    const labels = tf.tensor3d([1, 2, 0], [1, 1, 3], 'int32');
    const fromSpace = registry.create(run, 'loss', 'cross-entropy') as CrossEntropyLoss;
    const inputs = clipInputs(0, [{ logits }], undefined, { labels });
    // Pixel 1 (label 2) is ignored: mean of -ln(3/5) and -ln(1/3).
    expect(await scalarValue(fromSpace.compute(inputs))).toBeCloseTo((-Math.log(3 / 5) - Math.log(1 / 3)) / 2, 5);
    const explicit = registry.create(run, 'loss', { type: 'cross-entropy', ignoreLabel: 255 }) as CrossEntropyLoss;
    expect(await scalarValue(explicit.compute(inputs))).toBeCloseTo((-Math.log(3 / 5) + Math.log((2 + Math.exp(9)) / Math.exp(9)) - Math.log(1 / 3)) / 3, 5);
    expect(() => registry.create(run, 'loss', { type: 'cross-entropy', classWeights: [1, 2] })).toThrow(UsageError);
    tf.dispose([logits, labels]);
  });
});
