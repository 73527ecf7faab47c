import { GraphError } from './graph-error.js';
import type { CoordinateMode, Graph, GraphNode, OpSpec, Pair, ParamInit, ParamRole, ParamSpec, ResizeTarget } from './graph-types.js';

/** A value in a graph under construction: its name and channel count. */
export interface Value {
  readonly name: string;
  readonly channels: number;
}

/** A number for both axes, or a [height, width] pair. */
export type PairLike = number | Pair;

const pair = (v: PairLike): Pair => (typeof v === 'number' ? [v, v] : v);

/** Options shared by conv-like layers. */
export interface ConvOptions {
  readonly name: string;
  readonly out: number;
  readonly kernel: PairLike;
  readonly stride?: PairLike;
  /** Default: "same" padding for stride 1, i.e. dilation * (kernel - 1) / 2. */
  readonly padding?: PairLike;
  readonly dilation?: PairLike;
  readonly groups?: number;
  readonly bias?: boolean;
}

/**
 * Builds a {@link Graph} with readable code: each method adds a node and returns its value.
 * Parameters are named `<node name>.weight`, `.bias`, `.running_mean`, `.running_var`, as in
 * PyTorch state dicts, so pretrained weights load by name.
 *
 * ```ts
 * const b = new GraphBuilder();
 * let x = b.input('image', 3);
 * x = b.conv(x, { name: 'stem.conv', out: 16, kernel: 3, stride: 2, bias: false });
 * x = b.relu(b.batchNorm(x, { name: 'stem.bn' }));
 * b.output('logits', b.conv(x, { name: 'classifier', out: 11, kernel: 1 }));
 * const graph = b.build();
 * ```
 */
export class GraphBuilder {
  private readonly inputs: { name: string; channels: number }[] = [];
  private readonly nodes: GraphNode[] = [];
  private readonly params: ParamSpec[] = [];
  private readonly outputs: Record<string, string> = {};
  private readonly names = new Set<string>();
  private readonly paramNames = new Set<string>();
  private autoNameCount = 0;
  private currentGroup = 'backbone';

  /** Declares an NCHW graph input with `channels` channels. */
  input(name: string, channels: number): Value {
    this.claim(name);
    this.inputs.push({ name, channels });
    return { name, channels };
  }

  /** Runs `build` with every parameter it creates assigned to learning-rate group `group`. */
  group<T>(group: string, build: () => T): T {
    const previous = this.currentGroup;
    this.currentGroup = group;
    try {
      return build();
    } finally {
      this.currentGroup = previous;
    }
  }

  /** A 2-D convolution (PyTorch Conv2d). `groups === x.channels === out` makes it depthwise. */
  conv(x: Value, options: ConvOptions): Value {
    const kernel = pair(options.kernel);
    const dilation = pair(options.dilation ?? 1);
    const groups = options.groups ?? 1;
    const padding = pair(options.padding ?? [(dilation[0] * (kernel[0] - 1)) / 2, (dilation[1] * (kernel[1] - 1)) / 2]);
    if (!Number.isInteger(padding[0]) || !Number.isInteger(padding[1])) {
      throw new GraphError(options.name, `"same" padding is not an integer for kernel ${kernel.join('x')}: give padding explicitly`);
    }
    if (x.channels % groups !== 0) throw new GraphError(options.name, `groups=${groups} does not divide ${x.channels} input channels`);
    const bias = options.bias ?? true;
    const fanIn = (x.channels / groups) * kernel[0] * kernel[1];
    const spec: OpSpec = { op: 'conv2d', outChannels: options.out, kernel, stride: pair(options.stride ?? 1), padding, dilation, groups, bias };
    return this.node(options.name, spec, [x], options.out, () => ({
      weight: this.param(`${options.name}.weight`, [options.out, x.channels / groups, kernel[0], kernel[1]], { kind: 'he-normal', fanIn }),
      ...(bias ? { bias: this.param(`${options.name}.bias`, [options.out], { kind: 'constant', value: 0 }) } : {}),
    }));
  }

  /** A depthwise 3x3-style convolution: one filter per channel. */
  depthwiseConv(x: Value, options: Omit<ConvOptions, 'out' | 'groups'>): Value {
    return this.conv(x, { ...options, out: x.channels, groups: x.channels });
  }

  /** A transposed convolution (PyTorch ConvTranspose2d, weight [in, out, kh, kw]). */
  convTranspose(
    x: Value,
    options: { name: string; out: number; kernel: PairLike; stride?: PairLike; padding?: PairLike; outputPadding?: PairLike; bias?: boolean },
  ): Value {
    const kernel = pair(options.kernel);
    const bias = options.bias ?? true;
    const spec: OpSpec = {
      op: 'convTranspose2d',
      outChannels: options.out,
      kernel,
      stride: pair(options.stride ?? 1),
      padding: pair(options.padding ?? 0),
      outputPadding: pair(options.outputPadding ?? 0),
      bias,
    };
    return this.node(options.name, spec, [x], options.out, () => ({
      weight: this.param(`${options.name}.weight`, [x.channels, options.out, kernel[0], kernel[1]], {
        kind: 'he-normal',
        fanIn: options.out * kernel[0] * kernel[1],
      }),
      ...(bias ? { bias: this.param(`${options.name}.bias`, [options.out], { kind: 'constant', value: 0 }) } : {}),
    }));
  }

  /** Batch normalisation over channels (eps 1e-5 and momentum 0.1 by default, as PyTorch). */
  batchNorm(x: Value, options: { name: string; eps?: number; momentum?: number }): Value {
    const c = [x.channels];
    return this.node(options.name, { op: 'batchNorm', eps: options.eps ?? 1e-5, momentum: options.momentum ?? 0.1 }, [x], x.channels, () => ({
      weight: this.param(`${options.name}.weight`, c, { kind: 'constant', value: 1 }),
      bias: this.param(`${options.name}.bias`, c, { kind: 'constant', value: 0 }),
      runningMean: this.param(`${options.name}.running_mean`, c, { kind: 'constant', value: 0 }, false),
      runningVar: this.param(`${options.name}.running_var`, c, { kind: 'constant', value: 1 }, false),
    }));
  }

  /** PReLU with one learned slope per channel (initialised to 0.25, as PyTorch). */
  prelu(x: Value, options: { name: string; perChannel?: boolean }): Value {
    const perChannel = options.perChannel ?? true;
    return this.node(options.name, { op: 'prelu', perChannel }, [x], x.channels, () => ({
      weight: this.param(`${options.name}.weight`, [perChannel ? x.channels : 1], { kind: 'constant', value: 0.25 }),
    }));
  }

  /** max(0, x). */
  relu(x: Value, name?: string): Value {
    return this.node(this.autoName(name, 'relu'), { op: 'relu' }, [x], x.channels);
  }

  /** min(6, max(0, x)), as MobileNetV2 uses it. */
  relu6(x: Value, name?: string): Value {
    return this.node(this.autoName(name, 'relu6'), { op: 'relu6' }, [x], x.channels);
  }

  /** 1 / (1 + exp(-x)). */
  sigmoid(x: Value, name?: string): Value {
    return this.node(this.autoName(name, 'sigmoid'), { op: 'sigmoid' }, [x], x.channels);
  }

  /** Hyperbolic tangent. */
  tanh(x: Value, name?: string): Value {
    return this.node(this.autoName(name, 'tanh'), { op: 'tanh' }, [x], x.channels);
  }

  /** Element-wise sum of values of equal shape. */
  add(values: readonly Value[], name?: string): Value {
    return this.node(this.autoName(name, 'add'), { op: 'add' }, values, values[0]?.channels ?? 0);
  }

  /** Element-wise product of values of equal shape. */
  mul(values: readonly Value[], name?: string): Value {
    return this.node(this.autoName(name, 'mul'), { op: 'mul' }, values, values[0]?.channels ?? 0);
  }

  /** Concatenation along channels, in the order given. */
  concat(values: readonly Value[], name?: string): Value {
    return this.node(this.autoName(name, 'concat'), { op: 'concat' }, values, values.reduce((sum, v) => sum + v.channels, 0));
  }

  /** Average pooling; `countIncludePad` as PyTorch (default true). */
  avgPool(x: Value, options: { kernel: PairLike; stride?: PairLike; padding?: PairLike; countIncludePad?: boolean; name?: string }): Value {
    const kernel = pair(options.kernel);
    const spec: OpSpec = {
      op: 'avgPool2d',
      kernel,
      stride: pair(options.stride ?? kernel),
      padding: pair(options.padding ?? 0),
      countIncludePad: options.countIncludePad ?? true,
    };
    return this.node(this.autoName(options.name, 'avgpool'), spec, [x], x.channels);
  }

  /** Max pooling (padding never wins the max); the stride defaults to the kernel. */
  maxPool(x: Value, options: { kernel: PairLike; stride?: PairLike; padding?: PairLike; name?: string }): Value {
    const kernel = pair(options.kernel);
    const spec: OpSpec = { op: 'maxPool2d', kernel, stride: pair(options.stride ?? kernel), padding: pair(options.padding ?? 0) };
    return this.node(this.autoName(options.name, 'maxpool'), spec, [x], x.channels);
  }

  /** Mean over the whole spatial extent: [C, H, W] -> [C, 1, 1]. */
  globalAvgPool(x: Value, name?: string): Value {
    return this.node(this.autoName(name, 'gap'), { op: 'globalAvgPool' }, [x], x.channels);
  }

  /** Adaptive average pooling to a fixed number of bins (PyTorch AdaptiveAvgPool2d). */
  adaptiveAvgPool(x: Value, bins: PairLike, name?: string): Value {
    return this.node(this.autoName(name, 'adaptivepool'), { op: 'adaptiveAvgPool2d', bins: pair(bins) }, [x], x.channels);
  }

  /**
   * Bilinear resize to a fixed size, by a scale factor, or to the size of another value
   * (`{ like: value }`), with an explicit coordinate mode.
   */
  resize(x: Value, target: { size: Pair } | { scale: number } | { like: Value }, coordinateMode: CoordinateMode, name?: string): Value {
    let resolved: ResizeTarget;
    let inputs: Value[] = [x];
    if ('like' in target) {
      resolved = { like: target.like.name };
      inputs = [x, target.like];
    } else {
      resolved = target;
    }
    return this.node(this.autoName(name, 'resize'), { op: 'resizeBilinear', target: resolved, coordinateMode }, inputs, x.channels);
  }

  /** Dropout (identity in eval mode). */
  dropout(x: Value, rate: number, name?: string): Value {
    if (!(rate >= 0 && rate < 1)) throw new GraphError(name ?? 'dropout', `rate must be in [0, 1), got ${rate}`);
    return this.node(this.autoName(name, 'dropout'), { op: 'dropout', rate }, [x], x.channels);
  }

  /** The input unchanged (a named tap, e.g. for an output). */
  identity(x: Value, name?: string): Value {
    return this.node(this.autoName(name, 'identity'), { op: 'identity' }, [x], x.channels);
  }

  /** Marks `x` as the graph output with role `role` (`logits`, `features`, `auxLogits`, ...). */
  output(role: string, x: Value): void {
    if (this.outputs[role] !== undefined) throw new GraphError(x.name, `output "${role}" is already set to "${this.outputs[role]}"`);
    this.outputs[role] = x.name;
  }

  /** The finished graph. */
  build(): Graph {
    if (this.inputs.length === 0) throw new GraphError('(graph)', 'has no input');
    if (Object.keys(this.outputs).length === 0) throw new GraphError('(graph)', 'has no output');
    return { inputs: [...this.inputs], nodes: [...this.nodes], params: [...this.params], outputs: { ...this.outputs } };
  }

  /**
   * Adds a node after checking its name and inputs; its parameters are declared (by `params`)
   * only then, so a rejected node leaves no parameter behind.
   */
  private node(
    name: string,
    spec: OpSpec,
    inputs: readonly Value[],
    channels: number,
    params: () => Partial<Record<ParamRole, string>> = () => ({}),
  ): Value {
    for (const input of inputs) if (!this.names.has(input.name)) throw new GraphError(name, `input "${input.name}" is not part of this graph`);
    if (this.names.has(name)) throw new GraphError(name, 'name is used twice');
    const declared = params();
    this.claim(name);
    this.nodes.push({ name, spec, inputs: inputs.map((v) => v.name), params: declared });
    return { name, channels };
  }

  private param(name: string, shape: readonly number[], init: ParamInit, trainable = true): string {
    if (this.paramNames.has(name)) throw new GraphError(name, 'parameter name is used twice');
    this.paramNames.add(name);
    this.params.push({ name, shape, trainable, init, group: this.currentGroup });
    return name;
  }

  private claim(name: string): void {
    if (this.names.has(name)) throw new GraphError(name, 'name is used twice');
    this.names.add(name);
  }

  private autoName(name: string | undefined, op: string): string {
    if (name !== undefined) return name;
    let candidate: string;
    do candidate = `${op}_${++this.autoNameCount}`;
    while (this.names.has(candidate));
    return candidate;
  }
}
