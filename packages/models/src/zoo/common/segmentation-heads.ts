import type { CoordinateMode } from '../../graph/graph-types.js';
import type { GraphBuilder, Value } from '../../graph/graph-builder.js';

/** conv (no bias) -> BatchNorm -> ReLU, named `<prefix>.conv`, `<prefix>.bn`, `<prefix>.relu`. */
export function convBnRelu(b: GraphBuilder, x: Value, prefix: string, options: { out: number; kernel: number }): Value {
  const conv = b.conv(x, { name: `${prefix}.conv`, out: options.out, kernel: options.kernel, bias: false });
  return b.relu(b.batchNorm(conv, { name: `${prefix}.bn` }), `${prefix}.relu`);
}

/**
 * Dropout, a 1x1 classifier with bias (`<prefix>.classifier`) and a bilinear resize to the size
 * of `like` (the input image): the last layers of every from-scratch zoo head.
 */
export function classifyAndResize(
  b: GraphBuilder,
  x: Value,
  prefix: string,
  options: { classes: number; dropout: number; like: Value; resizeMode: CoordinateMode },
): Value {
  const dropped = options.dropout > 0 ? b.dropout(x, options.dropout, `${prefix}.dropout`) : x;
  const scores = b.conv(dropped, { name: `${prefix}.classifier`, out: options.classes, kernel: 1 });
  return b.resize(scores, { like: options.like }, options.resizeMode, `${prefix}.resize`);
}
