import type { CoordinateMode } from '@vidseg/core';

/**
 * The backend-neutral network description: a small graph of named nodes over NCHW activations,
 * with parameters named and shaped as in PyTorch (conv OIHW, transposed conv IOHW, BatchNorm
 * weight/bias/running_mean/running_var). backend-tfjs interprets it for training; backend-ort
 * turns it into ONNX. Nothing here depends on a tensor library.
 */

/** [height, width] pair of a 2-D attribute (kernel, stride, dilation, padding, size). */
export type Pair = readonly [number, number];

/** How bilinear resizing maps output to input coordinates: core's {@link CoordinateMode}, used by the `resizeBilinear` op. */
export type { CoordinateMode };

/**
 * Target size of a resize: a fixed size, a scale factor (output size floor(L * scale)), or the
 * spatial size of another value. Whatever the target, the coordinate transform uses the ratio of
 * the actual input and output lengths (as tfjs `resizeBilinear` and PyTorch `interpolate(size=)`
 * do), never the nominal `scale`: an ONNX exporter should pass `sizes`, not `scales`.
 */
export type ResizeTarget =
  | { readonly size: Pair }
  | { readonly scale: number }
  | { readonly like: string };

/** Attributes of each op; the `op` field discriminates. */
export type OpSpec =
  | {
      readonly op: 'conv2d';
      readonly outChannels: number;
      readonly kernel: Pair;
      readonly stride: Pair;
      /** Symmetric zero padding [top/bottom, left/right], as PyTorch's `padding`. */
      readonly padding: Pair;
      readonly dilation: Pair;
      /** groups === input channels === outChannels is a depthwise convolution. */
      readonly groups: number;
      readonly bias: boolean;
    }
  | {
      readonly op: 'convTranspose2d';
      readonly outChannels: number;
      readonly kernel: Pair;
      readonly stride: Pair;
      readonly padding: Pair;
      readonly outputPadding: Pair;
      readonly bias: boolean;
    }
  | {
      readonly op: 'batchNorm';
      readonly eps: number;
      /** PyTorch convention: running = (1 - momentum) * running + momentum * batch. */
      readonly momentum: number;
    }
  | { readonly op: 'relu' }
  | { readonly op: 'relu6' }
  | {
      readonly op: 'prelu';
      /** One slope per channel, or one shared slope. */
      readonly perChannel: boolean;
    }
  | { readonly op: 'sigmoid' }
  | { readonly op: 'tanh' }
  | { readonly op: 'add' }
  | { readonly op: 'mul' }
  | { readonly op: 'concat' }
  | {
      readonly op: 'avgPool2d';
      readonly kernel: Pair;
      readonly stride: Pair;
      readonly padding: Pair;
      /** Whether zero padding counts in the average (PyTorch `count_include_pad`). */
      readonly countIncludePad: boolean;
    }
  | { readonly op: 'maxPool2d'; readonly kernel: Pair; readonly stride: Pair; readonly padding: Pair }
  | { readonly op: 'globalAvgPool' }
  | {
      /** PyTorch AdaptiveAvgPool2d: bin i covers [floor(i*L/n), ceil((i+1)*L/n)). */
      readonly op: 'adaptiveAvgPool2d';
      readonly bins: Pair;
    }
  | { readonly op: 'resizeBilinear'; readonly target: ResizeTarget; readonly coordinateMode: CoordinateMode }
  | { readonly op: 'dropout'; readonly rate: number }
  | { readonly op: 'identity' };

/** The name of an op. */
export type OpName = OpSpec['op'];

/**
 * One node: an op applied to input values (graph inputs or other nodes' outputs, by name); it
 * produces one value named by the node's `name`. `params` maps the op's parameter roles
 * (`weight`, `bias`, `runningMean`, `runningVar`) to parameter names.
 */
export interface GraphNode {
  readonly name: string;
  readonly spec: OpSpec;
  readonly inputs: readonly string[];
  readonly params: Readonly<Partial<Record<ParamRole, string>>>;
}

/** The role a parameter plays in its node. */
export type ParamRole = 'weight' | 'bias' | 'runningMean' | 'runningVar';

/** How a parameter is initialised when a network is trained from scratch. */
export type ParamInit =
  | { readonly kind: 'he-normal'; readonly fanIn: number }
  | { readonly kind: 'constant'; readonly value: number };

/** A named parameter: its shape (PyTorch layout), whether training updates it, and its init. */
export interface ParamSpec {
  readonly name: string;
  readonly shape: readonly number[];
  /** False for BatchNorm running statistics. */
  readonly trainable: boolean;
  readonly init: ParamInit;
  /**
   * The group a learning-rate multiplier can address: `backbone` for feature extractors, `head`
   * for layers added on top (trained at a higher rate in the reference recipes).
   */
  readonly group: string;
}

/** A graph input: an NCHW tensor with a fixed channel count and any height and width. */
export interface GraphInput {
  readonly name: string;
  readonly channels: number;
}

/**
 * A whole network. `outputs` maps output roles to value names: segmentation models have `logits`
 * and optionally `features` and `auxLogits`; other graphs (the ConvLSTM cell) name their own.
 */
export interface Graph {
  readonly inputs: readonly GraphInput[];
  readonly nodes: readonly GraphNode[];
  readonly params: readonly ParamSpec[];
  readonly outputs: Readonly<Record<string, string>>;
}

/** The shape of an activation without its batch axis: [channels, height, width]. */
export type ValueShape = readonly [number, number, number];
