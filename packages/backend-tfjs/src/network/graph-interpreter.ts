import type * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import type { Graph } from '@vidseg/models';
import type { OpContext } from '../ops/op-context.js';
import { OP_TABLE } from '../ops/op-table.js';

/**
 * Runs `graph` on NHWC inputs (by graph input name) and returns the values named by the graph's
 * output roles. Every op is differentiable, so calling this inside `tf.variableGrads` trains the
 * network. The caller owns the returned tensors; intermediate ones are left to the caller's
 * `tf.tidy` (or gradient tape), which is where they are needed.
 */
export function runGraph(graph: Graph, inputs: Readonly<Record<string, tf.Tensor4D>>, context: OpContext): Record<string, tf.Tensor4D> {
  const values = new Map<string, tf.Tensor4D>();
  for (const input of graph.inputs) {
    const tensor = inputs[input.name];
    if (!tensor) throw new UsageError(`graph input "${input.name}" was not given (got ${Object.keys(inputs).join(', ') || 'none'})`);
    if (tensor.rank !== 4 || tensor.shape[3] !== input.channels) {
      throw new UsageError(
        `graph input "${input.name}" must be NHWC with ${input.channels} channels, got shape [${tensor.shape.join(', ')}]`,
      );
    }
    values.set(input.name, tensor);
  }
  for (const node of graph.nodes) {
    const args = node.inputs.map((name) => values.get(name)!);
    values.set(node.name, OP_TABLE[node.spec.op](node, args, context));
  }
  const outputs: Record<string, tf.Tensor4D> = {};
  for (const [role, name] of Object.entries(graph.outputs)) outputs[role] = values.get(name)!;
  return outputs;
}
