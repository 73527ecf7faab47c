import type { ModelOutputs } from '@vidseg/core';
import type { GraphBuilder, Value } from '../../graph/graph-builder.js';
import type { OutputSelection } from './model-options.js';

/**
 * Marks a segmentation network's outputs: `logits` always, `features` and `auxLogits` when
 * selected. The auxiliary head is built (by `auxLogits()`) only when selected, so a model built
 * without it has none of its parameters. Returns the handle's {@link ModelOutputs}.
 */
export function setSegmentationOutputs(
  b: GraphBuilder,
  selection: OutputSelection,
  values: { logits: Value; features: Value; auxLogits: () => Value },
): ModelOutputs {
  b.output('logits', values.logits);
  if (selection.features) b.output('features', values.features);
  if (selection.auxLogits) b.output('auxLogits', values.auxLogits());
  return { logits: true, features: selection.features, auxLogits: selection.auxLogits };
}
