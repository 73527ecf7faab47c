/** How raw 8-bit pixels become the network's input tensor. */
export interface Preprocessing {
  /** Order of the colour channels in the input tensor. */
  readonly channelOrder: 'RGB' | 'BGR';
  /** Per-channel mean, in `channelOrder`, on the 0..255 scale. */
  readonly mean: readonly [number, number, number];
  /** Per-channel standard deviation, in `channelOrder`, on the 0..255 scale. */
  readonly std: readonly [number, number, number];
  /**
   * Factor applied after standardisation: x = ((v - mean) / std) * scale. 1 for the usual
   * convention; 1/255 for the ESPNet weights (their training pipeline divided twice).
   */
  readonly scale: number;
}

/** Which tensors a model produces, selected when it is built. */
export interface ModelOutputs {
  /** Class scores before softmax, at the model's output stride or the input size. */
  readonly logits: true;
  /** The feature map used by feature-based distillation (pair-wise, multi-frame). */
  readonly features: boolean;
  /** Logits of an auxiliary (deep-supervision) head, used only in training. */
  readonly auxLogits: boolean;
}

/** Shape and size constraints on the input image. */
export interface InputConstraint {
  /** Height and width must be multiples of this number. */
  readonly multipleOf: number;
  /** The size the model was designed or trained for, as [height, width]. */
  readonly nativeSize?: readonly [number, number];
}

/**
 * A built network: its description (a graph from `@vidseg/models`, opaque here so that core stays
 * free of it), class names, preprocessing and outputs. Engines (training and inference) consume it.
 *
 * @typeParam G - the graph type; `@vidseg/models` fixes it.
 */
export interface ModelHandle<G = unknown> {
  /** Registered model name, e.g. `espnet`. */
  readonly name: string;
  /** The network, as a backend-neutral graph. */
  readonly graph: G;
  /** Class names, in output-channel order. */
  readonly classes: readonly string[];
  /**
   * The output channel of a trained void/background class, when the model has one (ESPNet:
   * CamVid 11, Cityscapes 19): a prediction of "no class", which metrics treat like the ignore label.
   */
  readonly voidClass?: number;
  readonly preprocessing: Preprocessing;
  readonly outputs: ModelOutputs;
  readonly input: InputConstraint;
}
