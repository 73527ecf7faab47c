import { GraphError } from './graph-error.js';
import type { Graph, GraphNode, ParamSpec, ValueShape } from './graph-types.js';

const sameShape = (a: ValueShape, b: ValueShape) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
const show = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** Output size of a convolution or pooling window along one axis (floor rounding, as PyTorch). */
export function windowOutputSize(size: number, kernel: number, stride: number, padding: number, dilation = 1): number {
  return Math.floor((size + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;
}

/**
 * The [channels, height, width] of every value (graph inputs and node outputs) for the given
 * input sizes. Throws a {@link GraphError} naming the first node whose inputs, parameters or
 * attributes do not fit.
 *
 * @param inputSizes - [height, width] of each graph input, by name.
 */
export function inferShapes(graph: Graph, inputSizes: Readonly<Record<string, readonly [number, number]>>): Map<string, ValueShape> {
  const shapes = new Map<string, ValueShape>();
  for (const input of graph.inputs) {
    const size = inputSizes[input.name];
    if (!size) throw new GraphError(input.name, 'no size given for this graph input');
    if (!(size[0] >= 1 && size[1] >= 1)) throw new GraphError(input.name, `input size ${show(size)} must be positive`);
    shapes.set(input.name, [input.channels, size[0], size[1]]);
  }
  const params = new Map(graph.params.map((p) => [p.name, p]));
  for (const node of graph.nodes) shapes.set(node.name, nodeShape(node, shapes, params));
  const used = new Set(graph.nodes.flatMap((node) => Object.values(node.params)));
  for (const param of graph.params) {
    if (!used.has(param.name)) throw new GraphError(param.name, 'parameter is declared but no node uses it');
  }
  for (const [role, value] of Object.entries(graph.outputs)) {
    if (!shapes.has(value)) throw new GraphError(value, `output "${role}" names a value that does not exist`);
  }
  return shapes;
}

function nodeShape(node: GraphNode, shapes: Map<string, ValueShape>, params: Map<string, ParamSpec>): ValueShape {
  const fail = (message: string): never => {
    throw new GraphError(node.name, `(${node.spec.op}) ${message}`);
  };
  const inputs = node.inputs.map((name) => shapes.get(name) ?? fail(`input "${name}" is not defined before this node`));
  const param = (role: 'weight' | 'bias' | 'runningMean' | 'runningVar'): ParamSpec | undefined => {
    const name = node.params[role];
    if (name === undefined) return undefined;
    return params.get(name) ?? fail(`parameter "${name}" is not declared`);
  };
  const expectParam = (role: 'weight' | 'bias' | 'runningMean' | 'runningVar', shape: readonly number[]) => {
    const spec = param(role) ?? fail(`needs a ${role} parameter`);
    if (spec.shape.length !== shape.length || spec.shape.some((d, i) => d !== shape[i])) {
      fail(`parameter "${spec.name}" has shape ${show(spec.shape)}, expected ${show(shape)}`);
    }
  };
  const single = () => {
    if (inputs.length !== 1) fail(`takes 1 input, got ${inputs.length}`);
    return inputs[0]!;
  };
  const checkSize = (shape: ValueShape): ValueShape => {
    if (shape[1] < 1 || shape[2] < 1) fail(`output would be ${shape[1]}x${shape[2]}: the input is too small`);
    return shape;
  };
  const spec = node.spec;
  switch (spec.op) {
    case 'conv2d': {
      const [c, h, w] = single();
      if (c % spec.groups !== 0 || spec.outChannels % spec.groups !== 0) {
        fail(`groups=${spec.groups} must divide input channels ${c} and output channels ${spec.outChannels}`);
      }
      expectParam('weight', [spec.outChannels, c / spec.groups, spec.kernel[0], spec.kernel[1]]);
      if (spec.bias) expectParam('bias', [spec.outChannels]);
      return checkSize([
        spec.outChannels,
        windowOutputSize(h, spec.kernel[0], spec.stride[0], spec.padding[0], spec.dilation[0]),
        windowOutputSize(w, spec.kernel[1], spec.stride[1], spec.padding[1], spec.dilation[1]),
      ]);
    }
    case 'convTranspose2d': {
      const [c, h, w] = single();
      expectParam('weight', [c, spec.outChannels, spec.kernel[0], spec.kernel[1]]);
      if (spec.bias) expectParam('bias', [spec.outChannels]);
      const size = (l: number, i: 0 | 1) => (l - 1) * spec.stride[i] - 2 * spec.padding[i] + spec.kernel[i] + spec.outputPadding[i];
      return checkSize([spec.outChannels, size(h, 0), size(w, 1)]);
    }
    case 'batchNorm': {
      const shape = single();
      for (const role of ['weight', 'bias', 'runningMean', 'runningVar'] as const) expectParam(role, [shape[0]]);
      return shape;
    }
    case 'prelu': {
      const shape = single();
      expectParam('weight', [spec.perChannel ? shape[0] : 1]);
      return shape;
    }
    case 'relu':
    case 'relu6':
    case 'sigmoid':
    case 'tanh':
    case 'dropout':
    case 'identity':
      return single();
    case 'add':
    case 'mul': {
      if (inputs.length < 2) fail(`takes at least 2 inputs, got ${inputs.length}`);
      const first = inputs[0]!;
      inputs.forEach((shape, i) => {
        if (!sameShape(shape, first)) fail(`input "${node.inputs[i]}" has shape ${show(shape)}, "${node.inputs[0]}" has ${show(first)}`);
      });
      return first;
    }
    case 'concat': {
      if (inputs.length < 1) fail('takes at least 1 input');
      const [, h, w] = inputs[0]!;
      let channels = 0;
      inputs.forEach((shape, i) => {
        if (shape[1] !== h || shape[2] !== w) {
          fail(`input "${node.inputs[i]}" is ${shape[1]}x${shape[2]}, "${node.inputs[0]}" is ${h}x${w}: spatial sizes must match`);
        }
        channels += shape[0];
      });
      return [channels, h, w];
    }
    case 'avgPool2d':
    case 'maxPool2d': {
      const [c, h, w] = single();
      if (spec.padding[0] * 2 > spec.kernel[0] || spec.padding[1] * 2 > spec.kernel[1]) fail('padding must be at most half the kernel');
      return checkSize([
        c,
        windowOutputSize(h, spec.kernel[0], spec.stride[0], spec.padding[0]),
        windowOutputSize(w, spec.kernel[1], spec.stride[1], spec.padding[1]),
      ]);
    }
    case 'globalAvgPool':
      return [single()[0], 1, 1];
    case 'adaptiveAvgPool2d': {
      const [c, h, w] = single();
      if (spec.bins[0] > h || spec.bins[1] > w) fail(`${spec.bins[0]}x${spec.bins[1]} bins do not fit a ${h}x${w} input`);
      return [c, spec.bins[0], spec.bins[1]];
    }
    case 'resizeBilinear': {
      const target = spec.target;
      if ('like' in target) {
        if (inputs.length !== 2 || node.inputs[1] !== target.like) fail(`resizing like "${target.like}" needs inputs [x, "${target.like}"]`);
        const reference = inputs[1]!;
        return [inputs[0]![0], reference[1], reference[2]];
      }
      const [c, h, w] = single();
      if ('size' in target) return checkSize([c, target.size[0], target.size[1]]);
      return checkSize([c, Math.floor(h * target.scale), Math.floor(w * target.scale)]);
    }
  }
}
