import {
  entryLocation,
  InternalError,
  pluginRegistry,
  requireTrainingConfig,
  TOKENS,
  type ClipDataset,
  type ClipSampler,
  type ClipSamplerFactory,
  type DependencyContainer,
  type LabelSpace,
  type VidsegConfig,
} from '@vidseg/core';

/** The data side of a training run, built from the config's `data` section. */
export interface TrainingData {
  readonly train: ClipDataset;
  /** Its `skipped` lists the frames left out under the dataset's `onBadInput: skip`. */
  readonly sampler: ClipSampler;
  /** The split evaluated during and after training (`data.val`), when configured. */
  readonly evaluation?: ClipDataset;
  readonly labelSpace: LabelSpace;
}

/**
 * Builds the training dataset, its clip sampler (crops default to `train.inputSize`) and the
 * evaluation split, and registers the training label space in `run` for the losses and metrics.
 * A config without `data.train` or `losses` (evaluation only) is a ConfigError naming both.
 */
export function buildTrainingData(run: DependencyContainer, config: VidsegConfig, file?: string): TrainingData {
  const registry = pluginRegistry(run);
  const train = registry.create(run, 'dataset', requireTrainingConfig(config, file).data.train, entryLocation('data.train', file));
  const labelSpace: LabelSpace = { classes: train.classes, ignoreLabel: train.ignoreLabel };
  run.register(TOKENS.labelSpace, { useValue: labelSpace });
  if (!run.isRegistered(TOKENS.clipSamplerFactory, true)) {
    throw new InternalError('no clip sampler is registered', { hint: "call register(container) of @vidseg/data (or register a ClipSamplerFactory under TOKENS.clipSamplerFactory)" });
  }
  const samplerFactory = run.resolve<ClipSamplerFactory>(TOKENS.clipSamplerFactory);
  const sampler = samplerFactory(train, { cropSize: config.train.inputSize, ...config.data.sampler }, entryLocation('data.sampler', file), { progress: run.resolve(TOKENS.progress) });
  const evaluation = config.data.val ? registry.create(run, 'dataset', config.data.val, entryLocation('data.val', file)) : undefined;
  return { train, sampler, labelSpace, ...(evaluation ? { evaluation } : {}) };
}
