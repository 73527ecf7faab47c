/**
 * Injection tokens shared by every package. Plugin classes take their dependencies through
 * `@inject(TOKENS.x)` on each constructor parameter: type-based injection fails under esbuild and
 * tsx, which emit no decorator metadata.
 */
export const TOKENS = {
  /** The validated options of the plugin being built (its config entry without `type`). */
  pluginOptions: 'vidseg:plugin-options',
  /** The plugin registry of the container. */
  pluginRegistry: 'vidseg:plugin-registry',
  /** The run's {@link ProgressReporter}. */
  progress: 'vidseg:progress',
  /** The {@link LabelSpace} being trained or evaluated (classes and ignore label). */
  labelSpace: 'vidseg:label-space',
  /** The run's {@link RunContext} (seed, run folder). */
  runContext: 'vidseg:run-context',
  /** The {@link ClipSamplerFactory} training runs draw clips with (registered by `@vidseg/data`). */
  clipSamplerFactory: 'vidseg:clip-sampler-factory',
  /** The {@link NeighbourFlowFactory} that gives raw training neighbours an estimated flow (registered by `@vidseg/flow`). */
  neighbourFlowFactory: 'vidseg:neighbour-flow-factory',
} as const;

/** Facts about the current run that plugins may need. */
export interface RunContext {
  /** The run's seed; plugins derive their own random streams from it. */
  readonly seed: number;
  /** The run folder, when the run writes one (undefined in library use). */
  readonly runDir?: string;
  /** The folder that config-relative paths resolve against. */
  readonly baseDir?: string;
}
