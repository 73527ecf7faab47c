import { resolve } from 'node:path';
import { pluginEntrySchema, type PluginContext, type PluginRegistration } from '@vidseg/core';
import { z } from 'zod';
import { CachedFlowEstimator } from './cached-flow-estimator.js';

/** Options of the `cached` flow estimator. */
export const cachedFlowOptionsSchema = z.strictObject({
  estimator: pluginEntrySchema.describe('the flow estimator whose flows are cached, e.g. { type: farneback }'),
  dir: z.string().min(1).default('.flow-cache').describe('cache folder (relative to the config file); `vidseg flow` fills it ahead of time'),
});

/** Options of the `cached` flow estimator, validated. */
export type CachedFlowOptions = z.output<typeof cachedFlowOptionsSchema>;

/** Builds the wrapped estimator through the registry and puts the disk cache around it. */
function createCachedFlow(options: CachedFlowOptions, context: PluginContext): CachedFlowEstimator {
  const inner = context.create('flow', options.estimator, { path: 'estimator' });
  return new CachedFlowEstimator(inner, resolve(context.baseDir ?? '.', options.dir));
}

/** The `cached` flow plugin: any estimator with a disk cache keyed by frame content and parameters. */
export const cachedFlowPlugin: PluginRegistration<CachedFlowEstimator, CachedFlowOptions> = {
  kind: 'flow',
  name: 'cached',
  packageName: '@vidseg/flow',
  description: 'Another flow estimator with a disk cache of .flo files keyed by both frames\' content and its parameters.',
  options: cachedFlowOptionsSchema,
  nestedEntries: { estimator: 'flow' },
  factory: createCachedFlow,
};
