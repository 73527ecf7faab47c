import type { NamedTensors } from '@vidseg/core';
import type { GraphNode, ParamRole, ValueShape } from '@vidseg/models';
import { InternalError } from '@vidseg/core';
import type { OnnxGraphWriter } from '../onnx/onnx-graph-writer.js';

/** What lowering one IR node to ONNX nodes needs. */
export interface LoweringContext {
  readonly writer: OnnxGraphWriter;
  /** The network's parameters by name, validated against the graph (PyTorch layout). */
  readonly params: NamedTensors;
  /** [C, H, W] of every IR value for a fixed-size export; undefined for a dynamic one. */
  readonly shapes: ReadonlyMap<string, ValueShape> | undefined;
  /** ONNX tensor name of each IR value lowered so far. */
  readonly values: Map<string, string>;
  /** ONNX initializer name of each parameter already written. */
  readonly initializers: Map<string, string>;
}

/** The ONNX tensor holding IR value `name`. */
export function onnxValue(context: LoweringContext, name: string): string {
  const value = context.values.get(name);
  if (value === undefined) throw new InternalError(`ONNX export: value "${name}" is used before it is computed`);
  return value;
}

/** The fixed [C, H, W] of IR value `name`, or undefined for a dynamic export. */
export function fixedShape(context: LoweringContext, name: string): ValueShape | undefined {
  return context.shapes?.get(name);
}

/**
 * The initializer of the parameter a node uses in `role`, written on first use with `dims`
 * (the parameter's own shape unless given: PReLU slopes are stored as [C, 1, 1]).
 */
export function paramInitializer(context: LoweringContext, node: GraphNode, role: ParamRole, dims?: readonly number[]): string {
  const name = node.params[role];
  const tensor = name === undefined ? undefined : context.params.get(name);
  if (name === undefined || tensor === undefined || tensor.dtype !== 'F32') {
    throw new InternalError(`ONNX export: node "${node.name}" has no float32 ${role} parameter`);
  }
  const existing = context.initializers.get(name);
  if (existing !== undefined) return existing;
  const written = context.writer.floatInitializer(name, dims ?? tensor.shape, tensor.data);
  context.initializers.set(name, written);
  return written;
}
