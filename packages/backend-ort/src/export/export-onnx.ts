import type { onnx } from 'onnx-proto';
import { ConfigError, problemsFromZod, type ModelHandle, type NamedTensors, type Preprocessing } from '@vidseg/core';
import { loadWeights, type Graph } from '@vidseg/models';
import { OnnxGraphWriter } from '../onnx/onnx-graph-writer.js';
import { onnxSchema } from '../onnx/onnx-schema.js';
import { VIDSEG_VERSION } from '../version.js';
import { defaultPalette } from './default-palette.js';
import { exportOptionsSchema, type ExportOptions, type ResolvedExportOptions } from './export-options.js';
import { planExport, type ExportPlan } from './export-plan.js';
import { preprocessImage } from './image-input.js';
import { addLabelOutputs } from './label-output.js';
import { spatialSize } from './lower-resize.js';
import { lowerNode } from './lower-node.js';
import type { LoweringContext } from './lowering-context.js';
import { metadataProps, type ExportedInput } from './model-metadata.js';

const DataType = onnxSchema.TensorProto.DataType;

/** ONNX opset of exported models (Resize with `axes` needs 18). */
export const EXPORT_OPSET = 18;
/** ONNX IR version of exported models. */
export const EXPORT_IR_VERSION = 8;

/** Name of the uint8 image input of models exported with in-graph preprocessing. */
export const IMAGE_INPUT = 'image';

/** The preprocessing recorded for a bare graph: values pass unchanged. */
const NO_PREPROCESSING: Preprocessing = { channelOrder: 'RGB', mean: [0, 0, 0], std: [1, 1, 1], scale: 1 };

/** A bare graph (the ConvLSTM cell, a flow network) as a handle without classes, named `name`. */
function asModelHandle(source: ModelHandle<Graph> | Graph, name = 'graph'): ModelHandle<Graph> {
  if (!('nodes' in source)) return source;
  return { name, graph: source, classes: [], preprocessing: NO_PREPROCESSING, outputs: { logits: true, features: false, auxLogits: false }, input: { multipleOf: 1 } };
}

/**
 * Exports a network and its weights (PyTorch layout, as stored in safetensors) to an ONNX model,
 * returned as bytes. Options choose a fixed or dynamic input size and batch, in-graph
 * preprocessing from a uint8 RGB/RGBA image, and the outputs (network roles, a uint8 label map,
 * softmax probabilities). The model's metadata carries classes, palette, preprocessing, input
 * constraint and outputs, so the file alone is enough to run it.
 *
 * A bare {@link Graph} (no classes, e.g. the ConvLSTM cell) exports too: name its outputs in
 * `options.outputs`. Weights are checked by name and shape first; a mismatch is a DataError listing
 * every problem.
 */
export function exportOnnx(source: ModelHandle<Graph> | Graph, weights: NamedTensors, options: ExportOptions = {}): Uint8Array {
  const model = asModelHandle(source);
  const parsed = exportOptionsSchema.safeParse(options);
  if (!parsed.success) throw new ConfigError(problemsFromZod(parsed.error, exportOptionsSchema, 'export'));
  const resolved = parsed.data;
  const plan = planExport(model, resolved);
  const { tensors } = loadWeights(model.graph, weights, { source: `weights of model "${model.name}"` });
  const writer = new OnnxGraphWriter();
  const context: LoweringContext = { writer, params: tensors, shapes: plan.shapes, values: new Map(), initializers: new Map() };
  const inputs = addInputs(model, resolved, plan, context);
  for (const output of resolved.outputs) writer.reserve(output);
  for (const node of model.graph.nodes) context.values.set(node.name, lowerNode(node, context));
  const outputs = addOutputs(model.graph, resolved, plan, context);
  const exportedInput: ExportedInput = {
    name: inputs[0]!.name!,
    format: resolved.image === 'none' ? 'tensor' : resolved.image === 'rgb' ? 'image-rgb' : 'image-rgba',
    size: plan.size,
    batch: plan.batch,
    multipleOf: model.input.multipleOf,
    ...(model.input.nativeSize ? { nativeSize: model.input.nativeSize } : {}),
  };
  const palette = resolved.palette ? { ...resolved.palette, classes: [...model.classes] } : defaultPalette(model.classes);
  const proto: onnx.IModelProto = {
    irVersion: EXPORT_IR_VERSION,
    opsetImport: [{ domain: '', version: EXPORT_OPSET }],
    producerName: 'vidseg',
    producerVersion: VIDSEG_VERSION,
    docString: `${model.name} exported by vidseg ${VIDSEG_VERSION}`,
    graph: { name: model.name, node: writer.nodes, initializer: writer.initializers, input: inputs, output: outputs },
    metadataProps: metadataProps({
      version: VIDSEG_VERSION,
      model: model.name,
      classes: model.classes,
      ...(model.voidClass === undefined ? {} : { voidClass: model.voidClass }),
      ...(palette ? { palette } : {}),
      preprocessing: model.preprocessing,
      input: exportedInput,
      outputs: resolved.outputs,
    }),
  };
  return onnxSchema.ModelProto.encode(proto).finish();
}

type Dim = number | string;

function valueInfo(name: string, elemType: number, dims: readonly Dim[]): onnx.IValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

function addInputs(model: ModelHandle<Graph>, options: ResolvedExportOptions, plan: ExportPlan, context: LoweringContext): onnx.IValueInfoProto[] {
  const { writer } = context;
  const batch: Dim = plan.batch ?? 'batch';
  const [height, width]: Dim[] = plan.size ? [...plan.size] : ['height', 'width'];
  if (options.image !== 'none') {
    const channels = options.image === 'rgb' ? 3 : 4;
    const image = writer.reserve(IMAGE_INPUT);
    context.values.set(model.graph.inputs[0]!.name, preprocessImage(writer, image, model.preprocessing, channels));
    return [valueInfo(image, DataType.UINT8, [batch, height, width, channels])];
  }
  return model.graph.inputs.map((input) => {
    context.values.set(input.name, writer.reserve(input.name));
    return valueInfo(input.name, DataType.FLOAT, [batch, input.channels, height, width]);
  });
}

function addOutputs(graph: Graph, options: ResolvedExportOptions, plan: ExportPlan, context: LoweringContext): onnx.IValueInfoProto[] {
  const { writer, values } = context;
  const named = new Set<string>();
  for (const role of plan.roles) nameOutput(role, graph.outputs[role]!, context, named);
  if (plan.labels || plan.probabilities) {
    const input = values.get(graph.inputs[0]!.name)!;
    const upsampling = plan.upsampleLogits
      ? { sizes: plan.size ? writer.int64Constant([...plan.size]) : spatialSize(writer, input, 'postprocess'), mode: options.upsample }
      : undefined;
    addLabelOutputs(
      writer,
      values.get(graph.outputs.logits!)!,
      { ...(plan.labels ? { labels: 'labels' } : {}), ...(plan.probabilities ? { probabilities: 'probabilities' } : {}) },
      upsampling,
    );
  }
  const batch: Dim = plan.batch ?? 'batch';
  const [height, width]: Dim[] = plan.size ? [...plan.size] : ['height', 'width'];
  const classes = plan.probeShapes.get(graph.outputs.logits ?? '')?.[0] ?? 0;
  return options.outputs.map((output) => {
    if (output === 'labels') return valueInfo(output, DataType.UINT8, [batch, height, width]);
    if (output === 'probabilities') return valueInfo(output, DataType.FLOAT, [batch, classes, height, width]);
    const [channels, h, w] = plan.probeShapes.get(graph.outputs[output]!)!;
    const atInputSize = h === plan.probeSize[0] && w === plan.probeSize[1];
    const dims: Dim[] = plan.size ? [h, w] : atInputSize ? ['height', 'width'] : [`${output}_height`, `${output}_width`];
    return valueInfo(output, DataType.FLOAT, [batch, channels, ...dims]);
  });
}

/**
 * Makes the tensor of IR value `value` available under the graph output name `role`: the node that
 * computes it is renamed when it can be, else an Identity node copies it (a graph input, or a
 * tensor already exported under another role, in `named`).
 */
function nameOutput(role: string, value: string, context: LoweringContext, named: Set<string>): void {
  const { writer, values } = context;
  const tensor = values.get(value)!;
  if (writer.isNodeOutput(tensor) && !named.has(tensor)) {
    writer.rename(tensor, role);
    for (const [key, name] of values) if (name === tensor) values.set(key, role);
  } else {
    writer.node('Identity', [tensor], [], role, role);
  }
  named.add(role);
}
