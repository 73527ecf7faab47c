import { InternalError, type ModelHandle } from '@vidseg/core';
import type { Graph } from '../../graph/graph-types.js';

/**
 * A built segmentation network of the zoo: core's {@link ModelHandle} with the graph type fixed
 * to this package's {@link Graph}. Its graph always has the output `logits` (at the input size)
 * and has `features` and `auxLogits` when {@link ModelHandle.outputs} says so.
 */
export type SegmentationModel = ModelHandle<Graph>;

/**
 * `model` as a {@link SegmentationModel}: what a `model` plugin built, whose graph must be this
 * package's {@link Graph} (inputs, nodes, params, outputs). A model plugin that builds another
 * kind of graph is an {@link InternalError} naming it.
 */
export function segmentationModel(model: ModelHandle): SegmentationModel {
  if (isSegmentationModel(model)) return model;
  throw new InternalError(`model "${model.name}" has no @vidseg/models graph (inputs, nodes, params, outputs)`, {
    hint: 'a model plugin must build its network with the GraphBuilder of @vidseg/models',
  });
}

function isSegmentationModel(model: ModelHandle): model is SegmentationModel {
  const graph = model.graph as Partial<Record<keyof Graph, unknown>> | null;
  return typeof graph === 'object' && graph !== null && Array.isArray(graph.inputs) && Array.isArray(graph.nodes) && Array.isArray(graph.params) && typeof graph.outputs === 'object';
}
