import type { ModelHandle } from '@vidseg/core';
import type { Graph } from '../../graph/graph-types.js';

/**
 * A built segmentation network of the zoo: core's {@link ModelHandle} with the graph type fixed
 * to this package's {@link Graph}. Its graph always has the output `logits` (at the input size)
 * and has `features` and `auxLogits` when {@link ModelHandle.outputs} says so.
 */
export type SegmentationModel = ModelHandle<Graph>;
