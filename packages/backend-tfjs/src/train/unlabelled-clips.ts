import {
  ConfigError,
  entryLocation,
  InternalError,
  pluginRegistry,
  TOKENS,
  type ClipSampler,
  type ClipSamplerFactory,
  type DependencyContainer,
  type NeighbourFlowFactory,
  type ProgressReporter,
  type VidsegConfig,
} from '@vidseg/core';
import { JoinedClipSampler } from './joined-clip-sampler.js';

/** The unlabelled side of a training run (`data.unlabelled`): clips for the terms that need no labels. */
export interface UnlabelledClips {
  readonly sampler: ClipSampler;
  /** Unlabelled clips in each micro-batch: `data.unlabelled.ratio` x `train.batchSize`. */
  readonly clipsPerBatch: number;
  /** Frees the flow estimator. */
  readonly dispose: () => void;
}

/**
 * Builds the clip sampler over the `data.unlabelled` datasets (their positions joined), with the
 * sampling options of `data.sampler` overridden by `data.unlabelled.sampler`, and flow from
 * `data.unlabelled.flow` estimated on the raw frames (each pair once with a cached estimator),
 * masked by the forward-backward test and augmented with the clip. Undefined without the section.
 */
export function buildUnlabelledClips(run: DependencyContainer, config: VidsegConfig, progress: ProgressReporter, file?: string): UnlabelledClips | undefined {
  const section = config.data.unlabelled;
  if (!section) return undefined;
  const at = (path: string) => entryLocation(path, file);
  const clipsPerBatch = section.ratio * config.train.batchSize;
  if (!Number.isInteger(clipsPerBatch)) {
    throw new ConfigError([{ path: 'data.unlabelled.ratio', message: `${section.ratio} x train.batchSize ${config.train.batchSize} = ${clipsPerBatch} unlabelled clips per micro-batch; it must be a whole number` }], file);
  }
  if (!run.isRegistered(TOKENS.neighbourFlowFactory, true)) {
    throw new InternalError('no neighbour flow is registered', { hint: 'call register(container) of @vidseg/flow (or register a NeighbourFlowFactory under TOKENS.neighbourFlowFactory)' });
  }
  const registry = pluginRegistry(run);
  const estimator = registry.create(run, 'flow', section.flow, at('data.unlabelled.flow'));
  try {
    const neighbourFlow = run.resolve<NeighbourFlowFactory>(TOKENS.neighbourFlowFactory)(estimator);
    const samplerFactory = run.resolve<ClipSamplerFactory>(TOKENS.clipSamplerFactory);
    const options = { cropSize: config.train.inputSize, ...config.data.sampler, ...section.sampler };
    const samplers = section.datasets.map((entry, i) =>
      samplerFactory(registry.create(run, 'dataset', entry, at(`data.unlabelled.datasets[${i}]`)), options, at(section.sampler ? 'data.unlabelled.sampler' : 'data.sampler'), { progress, neighbourFlow }),
    );
    const sampler = samplers.length === 1 ? samplers[0]! : new JoinedClipSampler(samplers);
    progress.log(`unlabelled video (data.unlabelled): ${clipsPerBatch} clips per micro-batch from ${sampler.size} frames of ${section.datasets.length} dataset(s), for the terms that need no labels; flow: ${estimator.name}`);
    return { sampler, clipsPerBatch, dispose: () => estimator.dispose?.() };
  } catch (error) {
    estimator.dispose?.();
    throw error;
  }
}
