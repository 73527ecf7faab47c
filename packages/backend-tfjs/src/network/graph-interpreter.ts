import type * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import type { Graph } from '@vidseg/models';
import { fusedConvChain } from '../ops/fused-conv.js';
import type { OpContext } from '../ops/op-context.js';
import { OP_TABLE } from '../ops/op-table.js';
import type { EvalFusionPlan } from './eval-fusion.js';

/**
 * Runs `graph` on NHWC inputs (by graph input name) and returns the values named by the graph's
 * output roles. Every op is differentiable, so calling this inside `tf.variableGrads` trains the
 * network. The caller owns the returned tensors; intermediate ones are left to the caller's
 * `tf.tidy` (or gradient tape), which is where they are needed. In eval mode, `fusion` (see
 * `planEvalFusion`) runs conv [-> batch norm] [-> activation] chains as single fused kernels.
 */
export function runGraph(
  graph: Graph,
  inputs: Readonly<Record<string, tf.Tensor4D>>,
  context: OpContext,
  fusion?: EvalFusionPlan,
): Record<string, tf.Tensor4D> {
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
  const plan = context.mode === 'eval' ? fusion : undefined;
  for (const node of graph.nodes) {
    if (plan?.absorbed.has(node.name)) continue;
    const args = node.inputs.map((name) => values.get(name)!);
    const chain = plan?.chains.get(node.name);
    if (chain) values.set(chain.output, fusedConvChain(chain, args[0]!, context));
    else values.set(node.name, OP_TABLE[node.spec.op](node, args, context));
  }
  const outputs: Record<string, tf.Tensor4D> = {};
  for (const [role, name] of Object.entries(graph.outputs)) outputs[role] = values.get(name)!;
  return outputs;
}
