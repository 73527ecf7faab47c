import type { onnx } from 'onnx-proto';
import { DataError } from '@vidseg/core';
import { parseVidsegMetadata, type VidsegModelMetadata } from '../export/model-metadata.js';
import { onnxSchema } from './onnx-schema.js';

/** A graph input or output: name, element type and dims (numbers, symbolic names, or null when unknown). */
export interface OnnxTensorInfo {
  readonly name: string;
  /** `float32`, `uint8`, `int32`, `int64`, or the lower-case ONNX name of another type. */
  readonly type: string;
  readonly dims: readonly (number | string | null)[];
}

/** What vidseg reads from an ONNX file before running it. */
export interface OnnxModelInfo {
  /** The file name or label used in messages. */
  readonly source: string;
  /** Version of the default ONNX opset. */
  readonly opset: number;
  /** Graph inputs that are not initializers. */
  readonly inputs: readonly OnnxTensorInfo[];
  readonly outputs: readonly OnnxTensorInfo[];
  /** metadata_props as key/value pairs. */
  readonly metadata: Readonly<Record<string, string>>;
  /** The vidseg metadata, when vidseg exported the model. */
  readonly vidseg: VidsegModelMetadata | undefined;
  /** Number of nodes of each op type in the main graph, e.g. `{ Conv: 33, Transpose: 1 }`. */
  readonly opCounts: Readonly<Record<string, number>>;
}

const TYPE_NAMES: Readonly<Record<number, string>> = {
  [onnxSchema.TensorProto.DataType.FLOAT]: 'float32',
  [onnxSchema.TensorProto.DataType.UINT8]: 'uint8',
  [onnxSchema.TensorProto.DataType.INT32]: 'int32',
  [onnxSchema.TensorProto.DataType.INT64]: 'int64',
};

/**
 * Decodes and checks an ONNX model: it must parse, have a graph with outputs and a default-domain
 * opset, and every tensor a node reads or the graph outputs must be produced by something (an
 * input, an initializer or a node), which catches most truncated files. Any failure is a
 * {@link DataError} naming `source`.
 */
export function readOnnxModel(bytes: Uint8Array, source = 'ONNX model'): OnnxModelInfo {
  const fail = (problem: string, cause?: unknown): never => {
    throw new DataError(`${source}: ${problem}`, {
      cause,
      hint: 'the file may be truncated or not an ONNX model: export or download it again',
    });
  };
  if (bytes.length === 0) fail('the file is empty');
  let model: onnx.ModelProto;
  try {
    model = onnxSchema.ModelProto.decode(bytes);
  } catch (error) {
    return fail(`is not a valid ONNX model (protobuf decoding failed: ${error instanceof Error ? error.message : String(error)})`, error);
  }
  const graph = model.graph ?? fail('is not a valid ONNX model: it has no graph');
  const opset = model.opsetImport.find((entry) => !entry.domain)?.version;
  if (opset === undefined || opset === null) fail('is not a valid ONNX model: it declares no ONNX opset');
  const nodes = list(graph.node);
  const inputs = list(graph.input);
  const outputs = list(graph.output);
  if (outputs.length === 0) fail('is not a valid ONNX model: its graph declares no outputs');
  const initializers = new Set<string>();
  for (const tensor of list(graph.initializer)) {
    initializers.add(tensor.name ?? '');
    if (tensor.dataLocation === onnxSchema.TensorProto.DataLocation.EXTERNAL) {
      fail(`initializer "${tensor.name}" is stored in an external data file, which vidseg does not load; save the model with its weights inside`);
    }
  }
  const produced = new Set<string>([...inputs.map((i) => i.name ?? ''), ...initializers, ...nodes.flatMap((n) => list(n.output))]);
  for (const node of nodes) {
    const missing = list(node.input).find((name) => name !== '' && !produced.has(name));
    if (missing !== undefined) fail(`node "${node.name || node.opType}" reads "${missing}", which nothing in the graph produces`);
  }
  for (const output of outputs) if (!produced.has(output.name ?? '')) fail(`graph output "${output.name}" is produced by no node`);
  const metadata: Record<string, string> = {};
  for (const prop of model.metadataProps) metadata[prop.key ?? ''] = prop.value ?? '';
  const opCounts: Record<string, number> = {};
  for (const node of nodes) opCounts[node.opType ?? ''] = (opCounts[node.opType ?? ''] ?? 0) + 1;
  return {
    source,
    opset: Number(opset),
    inputs: inputs.filter((i) => !initializers.has(i.name ?? '')).map(tensorInfo),
    outputs: outputs.map(tensorInfo),
    metadata,
    vidseg: parseVidsegMetadata(metadata, source),
    opCounts,
  };
}

/** Decoded repeated fields are arrays; the generated types also allow null. */
function list<T>(values: T[] | null | undefined): T[] {
  return values ?? [];
}

function tensorInfo(value: onnx.IValueInfoProto): OnnxTensorInfo {
  const tensorType = value.type?.tensorType;
  const elemType = tensorType?.elemType ?? 0;
  const typeName = TYPE_NAMES[elemType] ?? (onnxSchema.TensorProto.DataType[elemType] ?? 'unknown').toLowerCase();
  const dims = (tensorType?.shape?.dim ?? []).map((dim) => {
    if (dim.dimParam) return dim.dimParam;
    if (dim.dimValue !== undefined && dim.dimValue !== null) return Number(dim.dimValue);
    return null;
  });
  return { name: value.name ?? '', type: typeName, dims };
}
