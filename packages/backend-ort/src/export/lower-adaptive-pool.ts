import type { GraphNode, OpSpec } from '@vidseg/models';
import { intAttribute } from '../onnx/onnx-attribute.js';
import type { OnnxGraphWriter } from '../onnx/onnx-graph-writer.js';
import { onnxSchema } from '../onnx/onnx-schema.js';
import { fixedShape, type LoweringContext } from './lowering-context.js';

const DataType = onnxSchema.TensorProto.DataType;

/**
 * PyTorch's AdaptiveAvgPool bins along an axis of `length`: bin i covers
 * [floor(i * length / bins), ceil((i + 1) * length / bins)). Bins may overlap.
 */
export function adaptiveBins(length: number, bins: number): [number, number][] {
  return Array.from({ length: bins }, (_, i) => [Math.floor((i * length) / bins), Math.ceil(((i + 1) * length) / bins)]);
}

/**
 * The averaging matrix of the bins along one axis: [bins, length] (`binsFirst`) or its transpose,
 * with 1 / (bin size) where a position lies in a bin and 0 elsewhere.
 */
export function poolingMatrix(length: number, bins: number, binsFirst: boolean): Float32Array {
  const matrix = new Float32Array(length * bins);
  adaptiveBins(length, bins).forEach(([start, end], bin) => {
    for (let position = start; position < end; position++) {
      matrix[binsFirst ? bin * length + position : position * bins + bin] = 1 / (end - start);
    }
  });
  return matrix;
}

/**
 * Lowers adaptive average pooling as two matrix products, Z = Ph · X · Pw with Ph [bh, H] and
 * Pw [W, bw] averaging over PyTorch's exact bins; MatMul broadcasts Ph over N and C, so no layout
 * change is needed. A fixed-size export stores Ph and Pw as constants and skips an axis whose bins
 * are its positions; a dynamic one builds them from the input shape with integer arithmetic (so
 * the bin edges stay exact). One bin on both axes is a GlobalAveragePool.
 */
export function lowerAdaptiveAvgPool(node: GraphNode, spec: Extract<OpSpec, { op: 'adaptiveAvgPool2d' }>, x: string, context: LoweringContext): string {
  const { writer } = context;
  const [binsH, binsW] = spec.bins;
  if (binsH === 1 && binsW === 1) return writer.node('GlobalAveragePool', [x], [], node.name);
  const input = fixedShape(context, node.inputs[0]!);
  let result = x;
  if (!input || input[2] !== binsW) {
    const columns = input
      ? writer.floatInitializer(`${node.name}.columns`, [input[2], binsW], poolingMatrix(input[2], binsW, false))
      : dynamicPoolingMatrix(writer, x, 3, binsW, false, `${node.name}/columns`);
    result = writer.node('MatMul', [result, columns], [], `${node.name}/pool_width`);
  }
  if (!input || input[1] !== binsH) {
    const rows = input
      ? writer.floatInitializer(`${node.name}.rows`, [binsH, input[1]], poolingMatrix(input[1], binsH, true))
      : dynamicPoolingMatrix(writer, x, 2, binsH, true, `${node.name}/rows`);
    result = writer.node('MatMul', [rows, result], [], `${node.name}/pool_height`);
  }
  return result;
}

/** {@link poolingMatrix} of axis `axis` of `x`, computed in the graph from the run-time shape. */
function dynamicPoolingMatrix(writer: OnnxGraphWriter, x: string, axis: number, bins: number, binsFirst: boolean, name: string): string {
  const op = (opType: string, inputs: string[], suffix: string) => writer.node(opType, inputs, [], `${name}/${suffix}`);
  const scalar = (value: number) => writer.int64Constant([value], []);
  const binShape = binsFirst ? [bins, 1] : [1, bins];
  const shape = writer.node('Shape', [x], [], `${name}/shape`);
  const length = op('Gather', [shape, scalar(axis)], 'length');
  const index = writer.int64Constant(Array.from({ length: bins }, (_, i) => i), binShape);
  const nextIndex = writer.int64Constant(Array.from({ length: bins }, (_, i) => i + 1), binShape);
  // start = floor(i L / n), end = ceil((i + 1) L / n) = floor(((i + 1) L + n - 1) / n); int64 Div floors non-negative values.
  const starts = op('Div', [op('Mul', [index, length], 'i_l'), scalar(bins)], 'starts');
  const ends = op('Div', [op('Add', [op('Mul', [nextIndex, length], 'i1_l'), scalar(bins - 1)], 'i1_l_n1'), scalar(bins)], 'ends');
  let positions = op('Range', [scalar(0), length, scalar(1)], 'positions');
  if (!binsFirst) positions = op('Unsqueeze', [positions, writer.int64Constant([1])], 'positions_column');
  const inside = op('And', [op('GreaterOrEqual', [positions, starts], 'after_start'), op('Less', [positions, ends], 'before_end')], 'inside');
  const toFloat = (value: string, suffix: string) => writer.node('Cast', [value], [intAttribute('to', DataType.FLOAT)], `${name}/${suffix}`);
  return op('Div', [toFloat(inside, 'inside_float'), toFloat(op('Sub', [ends, starts], 'bin_size'), 'bin_size_float')], 'weights');
}
