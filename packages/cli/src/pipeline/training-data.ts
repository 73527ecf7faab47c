import {
  pluginRegistry,
  requireTrainingConfig,
  TOKENS,
  validateOptions,
  type ClipDataset,
  type DependencyContainer,
  type LabelSpace,
  type VidsegConfig,
} from '@vidseg/core';
import { clipSamplerOptionsSchema, TrainingClipSampler } from '@vidseg/data';

/** The data side of a training run, built from the config's `data` section. */
export interface TrainingData {
  readonly train: ClipDataset;
  /** Its `skipped` lists the frames left out under the dataset's `onBadInput: skip`. */
  readonly sampler: TrainingClipSampler;
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
  const at = (path: string) => ({ path, ...(file ? { file } : {}) });
  const train = registry.create<ClipDataset>(run, 'dataset', requireTrainingConfig(config, file).data.train, at('data.train'));
  const labelSpace: LabelSpace = { classes: train.classes, ignoreLabel: train.ignoreLabel };
  run.register(TOKENS.labelSpace, { useValue: labelSpace });
  const samplerOptions = validateOptions(clipSamplerOptionsSchema, { cropSize: config.train.inputSize, ...config.data.sampler }, at('data.sampler'), 'the clip sampler');
  const sampler = new TrainingClipSampler(train, samplerOptions, { progress: run.resolve(TOKENS.progress) });
  const evaluation = config.data.val ? registry.create<ClipDataset>(run, 'dataset', config.data.val, at('data.val')) : undefined;
  return { train, sampler, labelSpace, ...(evaluation ? { evaluation } : {}) };
}
