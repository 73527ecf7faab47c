import { pluginRegistry, TOKENS, type DependencyContainer, type NeighbourFlowFactory } from '@vidseg/core';
import { z } from 'zod';
import { FarnebackFlow } from './estimators/farneback-flow.js';
import { farnebackOptionsSchema } from './estimators/farneback-options.js';
import { FloFileFlow } from './estimators/flo-file-flow.js';
import { floFileOptionsSchema } from './estimators/flo-file-options.js';
import { ExactFlowEstimator } from './exact/exact-flow-estimator.js';
import { cachedFlowPlugin } from './cache/cached-flow-plugin.js';
import { estimatedNeighbourFlow } from './occlusion/estimated-neighbour-flow.js';

const PACKAGE = '@vidseg/flow';

/**
 * Registers the flow estimators of `@vidseg/flow` (`farneback`, `flo`, `exact`, `cached`) as `flow`
 * plugins, and the forward-backward-masked neighbour flow that training uses for raw video frames.
 */
export function register(container: DependencyContainer): void {
  const registry = pluginRegistry(container);
  registry.add({
    kind: 'flow',
    name: 'farneback',
    packageName: PACKAGE,
    description: 'Farneback dense optical flow through OpenCV.js 4.12 (WebAssembly), parameters exposed.',
    options: farnebackOptionsSchema,
    implementation: FarnebackFlow,
  });
  registry.add({
    kind: 'flow',
    name: 'flo',
    packageName: PACKAGE,
    description: 'Precomputed flows read from Middlebury .flo files named after the two frame ids.',
    options: floFileOptionsSchema,
    implementation: FloFileFlow,
  });
  registry.add({
    kind: 'flow',
    name: 'exact',
    packageName: PACKAGE,
    description: 'The exact flow of synthetic clips and pseudo-motion pairs (as the data package made them).',
    options: z.strictObject({}),
    implementation: ExactFlowEstimator,
  });
  registry.add(cachedFlowPlugin);
  const neighbourFlow: NeighbourFlowFactory = (estimator) => estimatedNeighbourFlow(estimator);
  container.register(TOKENS.neighbourFlowFactory, { useValue: neighbourFlow });
}
