import { pluginRegistry, type DependencyContainer } from '@vidseg/core';
import { CamvidDataset } from './datasets/camvid/camvid-dataset.js';
import { camvidOptionsSchema } from './datasets/camvid/camvid-options.js';
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
  registry.add({
    kind: 'dataset',
    name: 'camvid',
    packageName: PACKAGE,
    description: 'CamVid in the SegNet layout (11 classes + Void); pseudo-motion pairs where raw neighbours are missing.',
    options: camvidOptionsSchema,
    implementation: CamvidDataset,
  });
}
