import { ConfigError, type ConfigProblem } from '../errors/config-error.js';
import type { VidsegConfig } from './config-schema.js';

/** A config with what training needs on top of an evaluation-only one: a training set and at least one loss. */
export type TrainingConfig = VidsegConfig & { readonly data: VidsegConfig['data'] & { readonly train: NonNullable<VidsegConfig['data']['train']> } };

/**
 * The config as a {@link TrainingConfig}. A config for evaluation only (model, datasets, metrics)
 * is valid without `data.train` and `losses`; training is not, and says so here with both paths.
 */
export function requireTrainingConfig(config: VidsegConfig, file?: string): TrainingConfig {
  const problems: ConfigProblem[] = [];
  if (!config.data.train) problems.push({ path: 'data.train', message: 'missing value: training needs a training set (a dataset plugin entry)' });
  if (config.losses.length === 0) problems.push({ path: 'losses', message: 'missing value: training needs at least one loss term, e.g. [{ type: cross-entropy }]' });
  if (problems.length > 0) throw new ConfigError(problems, file);
  return config as TrainingConfig;
}
