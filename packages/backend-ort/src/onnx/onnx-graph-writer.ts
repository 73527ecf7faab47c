import type { onnx } from 'onnx-proto';
import { InternalError } from '@vidseg/core';
import { onnxSchema } from './onnx-schema.js';

const DataType = onnxSchema.TensorProto.DataType;

/** ONNX element type of each typed array an initializer can hold. */
type InitializerData = Float32Array | BigInt64Array;

/**
 * Accumulates the nodes and initializers of an ONNX graph, keeping every tensor name unique.
 * Small constants are shared: asking twice for the same values returns the same initializer.
 */
export class OnnxGraphWriter {
  readonly nodes: onnx.INodeProto[] = [];
  readonly initializers: onnx.ITensorProto[] = [];
  private readonly names = new Set<string>();
  private readonly constants = new Map<string, string>();

  /** Claims `name` exactly (a graph input or output); throws if it is already taken. */
  reserve(name: string): string {
    if (this.names.has(name)) throw new InternalError(`ONNX export: tensor name "${name}" is used twice`);
    this.names.add(name);
    return name;
  }

  /** Claims `base`, or `base_1`, `base_2`, ... when it is taken, and returns the claimed name. */
  unique(base: string): string {
    let name = base;
    for (let n = 1; this.names.has(name); n++) name = `${base}_${n}`;
    this.names.add(name);
    return name;
  }

  /**
   * Adds a node with one output and returns the output's name: `output` when given (it must
   * already be reserved), else a fresh name derived from `name`.
   */
  node(opType: string, inputs: readonly string[], attributes: readonly onnx.IAttributeProto[], name: string, output?: string): string {
    const outputName = output ?? this.unique(name);
    this.nodes.push({ opType, name: this.unique(`${name}/${opType}`), input: [...inputs], output: [outputName], attribute: [...attributes] });
    return outputName;
  }

  /** Adds a float32 initializer named after `base` and returns its name. */
  floatInitializer(base: string, dims: readonly number[], data: Float32Array): string {
    return this.initializer(base, dims, data);
  }

  /** A shared float32 constant with these values and dims. */
  floatConstant(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.constant('f', values, dims, () => Float32Array.from(values));
  }

  /** A shared int64 constant with these values and dims. */
  int64Constant(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.constant('i', values, dims, () => BigInt64Array.from(values, (v) => BigInt(v)));
  }

  /** Replaces the tensor name `from` by `to` in every node's inputs and outputs. */
  rename(from: string, to: string): void {
    for (const node of this.nodes) {
      node.input = node.input!.map((n) => (n === from ? to : n));
      node.output = node.output!.map((n) => (n === from ? to : n));
    }
  }

  /** Whether a node produces `name` (false for graph inputs and initializers). */
  isNodeOutput(name: string): boolean {
    return this.nodes.some((node) => node.output!.includes(name));
  }

  private constant(kind: string, values: readonly number[], dims: readonly number[], data: () => InitializerData): string {
    const key = `${kind}:${dims.join('x')}:${values.join(',')}`;
    const existing = this.constants.get(key);
    if (existing) return existing;
    const base = values.length <= 4 ? `const_${kind}_${values.join('_')}`.replace(/[^\w]/g, 'm') : `const_${kind}`;
    const name = this.initializer(base, dims, data());
    this.constants.set(key, name);
    return name;
  }

  // ONNX raw data is little-endian, as typed arrays are on every platform ORT runs on.
  private initializer(base: string, dims: readonly number[], data: InitializerData): string {
    const name = this.unique(base);
    this.initializers.push({
      name,
      dims: [...dims],
      dataType: data instanceof Float32Array ? DataType.FLOAT : DataType.INT64,
      rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    });
    return name;
  }
}
