import { inject, injectable } from '../di/tsyringe.js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { ClipDataset } from '../contracts/clip-dataset.js';
import type { FlowEstimator } from '../contracts/flow-estimator.js';
import { PER_FRAME_REQUIREMENTS, type LossTerm } from '../contracts/loss-term.js';
import { silentProgress } from '../contracts/progress-reporter.js';
import type { Metric } from '../contracts/metric.js';
import type { TrainingHook } from '../contracts/training-hook.js';
import { createContainer, createRunContainer } from '../di/container.js';
import { TOKENS, type RunContext } from '../di/tokens.js';
import { ConfigError } from '../errors/config-error.js';
import { InternalError } from '../errors/vidseg-error.js';
import { register } from '../register.js';
import { TemporalConsistency } from '../metrics/temporal-consistency.js';
import { pluginRegistry, validateOptions } from './plugin-registry.js';

interface ScaledOptions {
  readonly factor: number;
  readonly mode: 'fast' | 'exact';
}

@injectable()
class ScaledLoss implements LossTerm<number> {
  readonly name = 'scaled';
  readonly requires = PER_FRAME_REQUIREMENTS;

  constructor(
    @inject(TOKENS.pluginOptions) readonly options: ScaledOptions,
    @inject(TOKENS.runContext) readonly run: RunContext,
  ) {}

  compute(): number {
    return this.options.factor;
  }
}

/** The loss `create` built, as its class (the registry types it as its kind's contract, `LossTerm`). */
function scaled(loss: LossTerm<unknown>): ScaledLoss {
  if (!(loss instanceof ScaledLoss)) throw new Error('expected a ScaledLoss');
  return loss;
}

const scaledLoss = {
  kind: 'loss',
  name: 'scaled',
  packageName: '@acme/losses',
  description: 'test loss',
  options: z.object({ factor: z.number().positive().default(2), mode: z.enum(['fast', 'exact']).default('fast') }),
  implementation: ScaledLoss,
} as const;

function setup() {
  const container = createContainer();
  register(container);
  pluginRegistry(container).add(scaledLoss);
  return { container, registry: pluginRegistry(container) };
}

function configError(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('PluginRegistry', () => {
  it('builds a plugin from a config entry with defaults and injected run services', () => {
    const { container, registry } = setup();
    const run = createRunContainer(container, { seed: 7 });
    const loss = scaled(registry.create(run, 'loss', { type: 'scaled', mode: 'exact' }));
    expect(loss.options).toEqual({ factor: 2, mode: 'exact' });
    expect(loss.run.seed).toBe(7);
  });

  it('builds each plugin in its own child container, so options never leak between plugins', () => {
    const { container, registry } = setup();
    const run = createRunContainer(container, { seed: 1 });
    const a = scaled(registry.create(run, 'loss', { type: 'scaled', factor: 3 }));
    const b = scaled(registry.create(run, 'loss', 'scaled'));
    expect(a.options.factor).toBe(3);
    expect(b.options.factor).toBe(2);
    expect(run.isRegistered(TOKENS.pluginOptions)).toBe(false);
  });

  it('resolves the built-in metrics through DI, with the label space from the run', () => {
    const { container, registry } = setup();
    const run = createRunContainer(container, { seed: 0 });
    run.register(TOKENS.labelSpace, { useValue: { classes: ['a', 'b'], ignoreLabel: 255 } });
    expect(registry.create(run, 'metric', 'tc')).toBeInstanceOf(TemporalConsistency);
    const vc = registry.create(run, 'metric', { type: 'vc', n: 2 });
    expect(vc.name).toBe('vc2');
  });

  it("types what create builds as its kind's contract, and refuses a registration that does not implement it", () => {
    const { container, registry } = setup();
    const run = createRunContainer(container, { seed: 0 });
    run.register(TOKENS.labelSpace, { useValue: { classes: ['a', 'b'], ignoreLabel: 255 } });
    expectTypeOf(registry.create(run, 'metric', 'miou')).toEqualTypeOf<Metric>();
    expectTypeOf(registry.create).parameter(1).toEqualTypeOf<'model' | 'loss' | 'distiller' | 'teacher' | 'flow' | 'dataset' | 'backend' | 'runtime' | 'metric' | 'hook'>();
    expectTypeOf<ReturnType<typeof registry.create<'dataset'>>>().toEqualTypeOf<ClipDataset>();
    expectTypeOf<ReturnType<typeof registry.create<'flow'>>>().toEqualTypeOf<FlowEstimator>();
    expectTypeOf<ReturnType<typeof registry.create<'hook'>>>().toEqualTypeOf<TrainingHook>();
    const notAMetric = { kind: 'metric', name: 'nothing', packageName: 'test', description: 'x', options: z.object({}), factory: () => ({ name: 'nothing' }) } as const;
    // @ts-expect-error a metric registration must build a Metric (reset, update, result)
    registry.add(notAMetric);
  });

  it('names the known plugins and suggests the closest one for an unknown name', () => {
    const { registry } = setup();
    const error = configError(() => registry.validate('metric', { type: 'mio' }, { path: 'eval.metrics[0]', file: 'run.yaml' }));
    expect(error.message).toBe('eval.metrics[0].type: unknown metric "mio" (did you mean "miou"?); known metrics: miou, tc, unchanged, vc (in run.yaml)');
  });

  it('says when no plugin of a kind is registered', () => {
    const { registry } = setup();
    expect(() => registry.get('teacher', 'espnet')).toThrow(/known teachers: \(none registered/);
  });

  it('rejects the same name registered by two packages, naming both', () => {
    const { registry } = setup();
    registry.add(scaledLoss); // the same registration again is harmless
    expect(() => registry.add({ ...scaledLoss, packageName: '@other/pkg' })).toThrow(InternalError);
    expect(() => registry.add({ ...scaledLoss, packageName: '@other/pkg' })).toThrow(
      'loss "scaled" is registered twice: by @acme/losses and by @other/pkg',
    );
  });

  it('reports options of the wrong type at their config path', () => {
    const { registry } = setup();
    const error = configError(() => registry.validate('loss', { type: 'scaled', factor: 'big', mode: 'slow' }, { path: 'losses[2]' }));
    expect(error.problems.map((p) => p.path)).toEqual(['losses[2].factor', 'losses[2].mode']);
    expect(error.problems[0]!.message).toMatch(/expected number, received string/);
    expect(error.problems[1]!.message).toMatch(/"fast"\|"exact"/);
  });

  it('reports unknown options with a did-you-mean', () => {
    const { registry } = setup();
    const error = configError(() => registry.validate('loss', { type: 'scaled', factr: 3 }, { path: 'losses[0]' }));
    expect(error.message).toBe('losses[0].factr: unknown option "factr" for loss "scaled" (did you mean "factor"?); options: factor, mode');
  });

  it('rejects an entry without a type', () => {
    const { registry } = setup();
    expect(() => registry.validate('loss', { weight: 1 } as never, { path: 'losses[1]' })).toThrow(/losses\[1\]\.type: missing value/);
  });

  it('describes plugins with their options schema and defaults', () => {
    const { registry } = setup();
    const [description] = registry.describe('loss');
    expect(description!.name).toBe('scaled');
    expect(description!.packageName).toBe('@acme/losses');
    const properties = description!.optionsSchema.properties as Record<string, { default?: unknown }>;
    expect(properties.factor!.default).toBe(2);
  });

  it('keeps registries of separate containers apart', () => {
    const first = setup();
    const second = createContainer();
    expect(pluginRegistry(second).has('loss', 'scaled')).toBe(false);
    expect(first.registry.has('loss', 'scaled')).toBe(true);
  });
});

describe('validateOptions', () => {
  const schema = z.object({ gaps: z.array(z.number().int()).default([1]), flip: z.number().min(0).max(1).default(0.5) });

  it('applies defaults to a section owned by a package', () => {
    expect(validateOptions(schema, { flip: 0 }, { path: 'data.sampler' }, 'the clip sampler')).toEqual({ gaps: [1], flip: 0 });
  });

  it('reports unknown keys and bad values at their config path', () => {
    expect(() => validateOptions(schema, { flipp: 1 }, { path: 'data.sampler', file: 'a.yaml' }, 'the clip sampler')).toThrow(
      'data.sampler.flipp: unknown option "flipp" for the clip sampler (did you mean "flip"?); options: gaps, flip (in a.yaml)',
    );
    expect(() => validateOptions(schema, { flip: 2 }, { path: 'data.sampler' }, 'the clip sampler')).toThrow(/^data\.sampler\.flip: /);
    expect(() => validateOptions(schema, [1], { path: 'export' }, 'the exporter')).toThrow(/export: expected an object of options for the exporter/);
  });

  it('validates the plugin entries nested in options, at their own config paths', () => {
    const { registry } = setup();
    registry.add({
      kind: 'teacher', name: 'wrapping', packageName: '@acme/teachers', description: 'wraps a model',
      options: z.object({ model: z.looseObject({ type: z.string() }) }), nestedEntries: { model: 'loss' },
      factory: () => {
        throw new Error('validation builds nothing');
      },
    });
    expect(registry.validate('teacher', { type: 'wrapping', model: { type: 'scaled', factor: 3 } }).options).toEqual({ model: { type: 'scaled', factor: 3 } });
    expect(() => registry.validate('teacher', { type: 'wrapping', model: { type: 'scaled', depth: 50 } }, { path: 'teacher', file: 't.yaml' })).toThrow(
      /^teacher\.model\.depth: unknown option "depth" for loss "scaled"; options: factor, mode \(in t\.yaml\)/,
    );
    expect(() => registry.validate('teacher', { type: 'wrapping', model: { type: 'scaledd' } }, { path: 'teacher' })).toThrow(/^teacher\.model\.type: unknown loss "scaledd"/);
  });

  it('lists the entries an auto choice may pick by priority, highest first, ties by name', () => {
    const { registry } = setup();
    const metric = (name: string, priority?: number) =>
      registry.add({ kind: 'metric', name, packageName: '@acme/metrics', description: name, options: z.object({}), ...(priority === undefined ? {} : { priority }), factory: (): Metric => ({ name, needsFlow: false, update: () => undefined, result: () => ({ values: {} }), reset: () => undefined }) });
    metric('low', 1);
    metric('never');
    metric('high', 5);
    metric('also-low', 1);
    expect(registry.byPriority('metric')).toEqual(['high', 'also-low', 'low']);
    expect(registry.byPriority('runtime')).toEqual([]);
  });

  it('gives factories the run context and builds nested entries in the same run scope', () => {
    const { container, registry } = setup();
    const progress = { ...silentProgress };
    const run = createRunContainer(container, { seed: 7, baseDir: '/configs' }, progress);
    let seen: { baseDir?: string; seed?: number; progress: unknown; inner: unknown } | undefined;
    registry.add({
      kind: 'loss', name: 'outer', packageName: '@acme/losses', description: 'wraps a loss', options: z.object({ inner: z.looseObject({ type: z.string() }) }),
      factory: (options, context) => {
        const inner = context.create('loss', options.inner as { type: string }, { path: 'losses[0].inner' });
        seen = { baseDir: context.baseDir, seed: context.seed, progress: context.progress, inner };
        return inner;
      },
    });
    registry.create(run, 'loss', { type: 'outer', inner: { type: 'scaled', factor: 3 } });
    expect(seen).toMatchObject({ baseDir: '/configs', seed: 7, progress });
    expect(scaled(seen!.inner as LossTerm<unknown>).run.seed).toBe(7);
    expect(scaled(seen!.inner as LossTerm<unknown>).options.factor).toBe(3);
  });
});

