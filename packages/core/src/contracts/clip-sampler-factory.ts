import type { EntryLocation } from '../registry/plugin-registry.js';
import type { ClipDataset, ClipSampler } from './clip-dataset.js';

/**
 * Builds the training clip sampler over `dataset` from the config's `data.sampler` section
 * (`options`, validated by the factory's owner; errors name `location`). Registered in a container
 * under {@link TOKENS.clipSamplerFactory} by the package that provides sampling (`@vidseg/data`).
 */
export type ClipSamplerFactory = (dataset: ClipDataset, options: Readonly<Record<string, unknown>>, location: EntryLocation) => ClipSampler;
