import { validateOptions, type ClipSamplerFactory } from '@vidseg/core';
import { clipSamplerOptionsSchema } from './clip-sampler-options.js';
import { TrainingClipSampler } from './training-clip-sampler.js';

/** The training runs' {@link ClipSamplerFactory}: a {@link TrainingClipSampler} with validated options. */
export const createTrainingClipSampler: ClipSamplerFactory = (dataset, options, location, context) =>
  new TrainingClipSampler(dataset, validateOptions(clipSamplerOptionsSchema, options, location, 'the clip sampler'), context);
