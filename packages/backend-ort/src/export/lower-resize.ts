import type { CoordinateMode, GraphNode, OpSpec } from '@vidseg/models';
import { intAttribute, intsAttribute, stringAttribute } from '../onnx/onnx-attribute.js';
import type { OnnxGraphWriter } from '../onnx/onnx-graph-writer.js';
import { onnxSchema } from '../onnx/onnx-schema.js';
import { fixedShape, onnxValue, type LoweringContext } from './lowering-context.js';

const DataType = onnxSchema.TensorProto.DataType;

/** ONNX `coordinate_transformation_mode` of each IR coordinate mode. */
const COORDINATE_MODES: Readonly<Record<CoordinateMode, string>> = {
  // half_pixel (not pytorch_half_pixel) is what PyTorch computes today for every output size,
  // and what tfjs computes with halfPixelCenters.
  'half-pixel': 'half_pixel',
  'align-corners': 'align_corners',
  asymmetric: 'asymmetric',
};

/**
 * A bilinear ONNX Resize (opset 18) of the H and W axes of `x` to `sizes`, an int64 tensor
 * holding [height, width].
 */
export function resizeBilinear(writer: OnnxGraphWriter, x: string, sizes: string, mode: CoordinateMode, name: string, output?: string): string {
  return writer.node(
    'Resize',
    [x, '', '', sizes],
    [
      stringAttribute('mode', 'linear'),
      stringAttribute('coordinate_transformation_mode', COORDINATE_MODES[mode]),
      intsAttribute('axes', [2, 3]),
    ],
    name,
    output,
  );
}

/** The [height, width] of `x` as an int64 tensor of 2 elements, read at run time. */
export function spatialSize(writer: OnnxGraphWriter, x: string, name: string): string {
  return writer.node('Shape', [x], [intAttribute('start', 2), intAttribute('end', 4)], `${name}/size`);
}

/**
 * Lowers a bilinear resize. Fixed-size exports get a constant target size; dynamic ones compute
 * it from the input's shape (or the reference value's shape for `like` targets).
 */
export function lowerResize(node: GraphNode, spec: Extract<OpSpec, { op: 'resizeBilinear' }>, x: string, context: LoweringContext): string {
  const { writer } = context;
  const target = spec.target;
  const fixed = fixedShape(context, node.name);
  let sizes: string;
  if (fixed) sizes = writer.int64Constant([fixed[1], fixed[2]]);
  else if ('size' in target) sizes = writer.int64Constant([target.size[0], target.size[1]]);
  else if ('like' in target) sizes = spatialSize(writer, onnxValue(context, target.like), node.name);
  else {
    // floor(size * scale), as the IR defines it.
    const size = writer.node('Cast', [spatialSize(writer, x, node.name)], [intAttribute('to', DataType.FLOAT)], `${node.name}/size_float`);
    const scaled = writer.node('Mul', [size, writer.floatConstant([target.scale], [])], [], `${node.name}/scaled_size`);
    const floored = writer.node('Floor', [scaled], [], `${node.name}/floor`);
    sizes = writer.node('Cast', [floored], [intAttribute('to', DataType.INT64)], `${node.name}/target_size`);
  }
  return resizeBilinear(writer, x, sizes, spec.coordinateMode, node.name);
}
