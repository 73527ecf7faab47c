import type { EntryLocation } from '../registry/plugin-registry.js';
import type { FlowField } from '../types/image-frame.js';
import type { ClipDataset, ClipFrame, ClipSampler } from './clip-dataset.js';
import type { FlowEstimator } from './flow-estimator.js';
import type { ProgressReporter } from './progress-reporter.js';

/** A flow with the mask of pixels (one byte each, 1 = usable) where it can be trusted. */
export interface MaskedFlow {
  readonly flow: FlowField;
  readonly valid: Uint8Array;
}

/**
 * Flow for a raw neighbour that has no exact flow (real video): estimated on the frames before
 * augmentation, so an estimator's disk cache serves every later draw of the same pair, then
 * transformed with the clip by the shared augmentation like an exact flow.
 */
export interface NeighbourFlow {
  /** The flow from `target` to `other` with its mask, and the flow back with its mask. */
  estimate(target: ClipFrame, other: ClipFrame): Promise<MaskedFlow & { readonly backward: MaskedFlow }>;
}

/**
 * Makes the {@link NeighbourFlow} of a flow estimator (with its occlusion masks). Registered in a
 * container under {@link TOKENS.neighbourFlowFactory} by the package that provides flow (`@vidseg/flow`).
 */
export type NeighbourFlowFactory = (estimator: FlowEstimator) => NeighbourFlow;

/** What a clip sampler may use besides its dataset and options. */
export interface ClipSamplerContext {
  /** Where warnings (e.g. skipped targets) go. */
  readonly progress?: ProgressReporter;
  /** Flow for raw neighbours without exact flow; without it they come without flow. */
  readonly neighbourFlow?: NeighbourFlow;
}

/**
 * Builds the training clip sampler over `dataset` from the config's `data.sampler` section
 * (`options`, validated by the factory's owner; errors name `location`). Registered in a container
 * under {@link TOKENS.clipSamplerFactory} by the package that provides sampling (`@vidseg/data`).
 */
export type ClipSamplerFactory = (dataset: ClipDataset, options: Readonly<Record<string, unknown>>, location: EntryLocation, context?: ClipSamplerContext) => ClipSampler;
