import { silentProgress, type ProgressReporter } from '../contracts/progress-reporter.js';
import type { DependencyContainer } from '../di/tsyringe.js';
import { TOKENS, type RunContext } from '../di/tokens.js';
import type { LabelSpace } from '../metrics/label-space.js';
import type { PluginContracts } from './plugin-contracts.js';
import type { PluginKind } from './plugin-kind.js';
import type { PluginEntry } from './plugin-registration.js';
import type { EntryLocation, PluginRegistry } from './plugin-registry.js';

/**
 * What a plugin factory gets besides its options: the run's facts, looked up once, and a way to
 * build the plugin entries nested in its options in the same run scope. Plugin authors rarely need
 * the container itself.
 */
export interface PluginContext {
  /** The plugin's own child container (its options under `TOKENS.pluginOptions`). */
  readonly container: DependencyContainer;
  /** The folder config-relative paths resolve against: the run's `baseDir`; undefined outside a run (use the working directory). */
  readonly baseDir: string | undefined;
  /** The run's seed, when built in a run. */
  readonly seed: number | undefined;
  /** The run's progress reporter (silent outside a run). */
  readonly progress: ProgressReporter;
  /** The label space being trained or evaluated, when the run has registered one. */
  readonly labelSpace: LabelSpace | undefined;
  /** The registry building it (e.g. for `auto` choices: {@link PluginRegistry.byPriority}). */
  readonly registry: PluginRegistry;
  /** Builds a plugin entry nested in this plugin's options (e.g. a cache's inner estimator) in the same scope. */
  create<K extends PluginKind>(kind: K, entry: PluginEntry, location: EntryLocation): PluginContracts[K];
}

/** The {@link PluginContext} of a plugin built in `container` by `registry`. */
export function pluginContext(container: DependencyContainer, registry: PluginRegistry): PluginContext {
  const optional = <T>(token: string): T | undefined => (container.isRegistered(token, true) ? container.resolve<T>(token) : undefined);
  const run = optional<RunContext>(TOKENS.runContext);
  return {
    container,
    baseDir: run?.baseDir,
    seed: run?.seed,
    progress: optional<ProgressReporter>(TOKENS.progress) ?? silentProgress,
    labelSpace: optional<LabelSpace>(TOKENS.labelSpace),
    registry,
    create: (kind, entry, location) => registry.create(container, kind, entry, location),
  };
}
