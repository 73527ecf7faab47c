import { pluginRegistry, type DependencyContainer } from '@vidseg/core';
import { SyntheticDataset } from './datasets/synthetic/synthetic-dataset.js';
import { syntheticDatasetOptionsSchema } from './datasets/synthetic/synthetic-options.js';

const PACKAGE = '@vidseg/data';

/** Registers the datasets of `@vidseg/data` as `dataset` plugins. */
export function register(container: DependencyContainer): void {
  const registry = pluginRegistry(container);
  registry.add({
    kind: 'dataset',
    name: 'synthetic',
    packageName: PACKAGE,
    description: 'Procedural street clips in the CamVid classes with exact labels and exact flow for every frame (no download).',
    options: syntheticDatasetOptionsSchema,
    implementation: SyntheticDataset,
  });
}
