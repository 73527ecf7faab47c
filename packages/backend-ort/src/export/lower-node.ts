import type { GraphNode, OpSpec, Pair } from '@vidseg/models';
import { floatAttribute, intAttribute, intsAttribute } from '../onnx/onnx-attribute.js';
import { lowerAdaptiveAvgPool } from './lower-adaptive-pool.js';
import { lowerResize } from './lower-resize.js';
import { onnxValue, paramInitializer, type LoweringContext } from './lowering-context.js';

/** ONNX `pads` ([top, left, bottom, right]) of a symmetric PyTorch padding. */
const pads = (padding: Pair) => intsAttribute('pads', [padding[0], padding[1], padding[0], padding[1]]);

type SpecOf<K extends OpSpec['op']> = Extract<OpSpec, { op: K }>;

/**
 * Lowers one IR node to ONNX nodes and returns the ONNX tensor holding its value. Dropout and
 * identity write no node: their value is their input's tensor.
 */
export function lowerNode(node: GraphNode, context: LoweringContext): string {
  const { writer } = context;
  const inputs = node.inputs.map((name) => onnxValue(context, name));
  const x = inputs[0]!;
  const unary = (opType: string) => writer.node(opType, [x], [], node.name);
  const spec = node.spec;
  switch (spec.op) {
    case 'conv2d':
      return lowerConv(node, spec, x, context);
    case 'convTranspose2d':
      return lowerConvTranspose(node, spec, x, context);
    case 'batchNorm': {
      const params = (['weight', 'bias', 'runningMean', 'runningVar'] as const).map((role) => paramInitializer(context, node, role));
      return writer.node('BatchNormalization', [x, ...params], [floatAttribute('epsilon', spec.eps)], node.name);
    }
    case 'relu':
      return unary('Relu');
    case 'relu6':
      return writer.node('Clip', [x, writer.floatConstant([0], []), writer.floatConstant([6], [])], [], node.name);
    case 'prelu': {
      const channels = context.params.get(node.params.weight!)?.shape[0] ?? 1;
      // A [C, 1, 1] slope broadcasts over N x C x H x W; a shared slope stays [1].
      const slope = paramInitializer(context, node, 'weight', spec.perChannel ? [channels, 1, 1] : [1]);
      return writer.node('PRelu', [x, slope], [], node.name);
    }
    case 'sigmoid':
      return unary('Sigmoid');
    case 'tanh':
      return unary('Tanh');
    case 'add':
      return inputs.length === 2 ? writer.node('Add', inputs, [], node.name) : writer.node('Sum', inputs, [], node.name);
    case 'mul':
      return inputs.slice(1).reduce((product, factor) => writer.node('Mul', [product, factor], [], node.name), x);
    case 'concat':
      return inputs.length === 1 ? x : writer.node('Concat', inputs, [intAttribute('axis', 1)], node.name);
    case 'avgPool2d':
      return writer.node(
        'AveragePool',
        [x],
        [intsAttribute('kernel_shape', spec.kernel), intsAttribute('strides', spec.stride), pads(spec.padding), intAttribute('count_include_pad', spec.countIncludePad ? 1 : 0)],
        node.name,
      );
    case 'maxPool2d':
      return writer.node('MaxPool', [x], [intsAttribute('kernel_shape', spec.kernel), intsAttribute('strides', spec.stride), pads(spec.padding)], node.name);
    case 'globalAvgPool':
      return unary('GlobalAveragePool');
    case 'adaptiveAvgPool2d':
      return lowerAdaptiveAvgPool(node, spec, x, context);
    case 'resizeBilinear':
      return lowerResize(node, spec, x, context);
    case 'dropout':
    case 'identity':
      return x;
  }
}

function lowerConv(node: GraphNode, spec: SpecOf<'conv2d'>, x: string, context: LoweringContext): string {
  const weight = paramInitializer(context, node, 'weight');
  const bias = spec.bias ? [paramInitializer(context, node, 'bias')] : [];
  return context.writer.node(
    'Conv',
    [x, weight, ...bias],
    [
      intsAttribute('kernel_shape', spec.kernel),
      intsAttribute('strides', spec.stride),
      pads(spec.padding),
      intsAttribute('dilations', spec.dilation),
      intAttribute('group', spec.groups),
    ],
    node.name,
  );
}

function lowerConvTranspose(node: GraphNode, spec: SpecOf<'convTranspose2d'>, x: string, context: LoweringContext): string {
  // PyTorch's ConvTranspose2d weight [in, out, kh, kw] is ONNX's layout already.
  const weight = paramInitializer(context, node, 'weight');
  const bias = spec.bias ? [paramInitializer(context, node, 'bias')] : [];
  return context.writer.node(
    'ConvTranspose',
    [x, weight, ...bias],
    [
      intsAttribute('kernel_shape', spec.kernel),
      intsAttribute('strides', spec.stride),
      pads(spec.padding),
      intsAttribute('output_padding', spec.outputPadding),
    ],
    node.name,
  );
}
