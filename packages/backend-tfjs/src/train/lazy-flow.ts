import { entryLocation, pluginRegistry, type DependencyContainer, type FlowEstimator, type VidsegConfig } from '@vidseg/core';

/** The flow estimator of `config.flow`, built on first use (clips with exact flow never need it). */
export interface LazyFlow {
  readonly get: () => FlowEstimator;
  readonly dispose: () => void;
}

/** A {@link LazyFlow} built in `run`. */
export function lazyFlow(run: DependencyContainer, config: VidsegConfig, configFile?: string): LazyFlow {
  let estimator: FlowEstimator | undefined;
  return {
    get: () => (estimator ??= pluginRegistry(run).create(run, 'flow', config.flow, entryLocation('flow', configFile))),
    dispose: () => estimator?.dispose?.(),
  };
}
