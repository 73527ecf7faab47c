import * as tf from '@tensorflow/tfjs-core';
import { DataError, float32Tensor, type NamedTensors, type RandomSource } from '@vidseg/core';
import { shapeText } from '../../tensor/tensor-checks.js';

/** Sizes of a ConvLSTM cell. */
export interface ConvLstmShape {
  /** Channels of the input x. */
  readonly inputChannels: number;
  /** Channels of the hidden and cell states h and c. */
  readonly hiddenChannels: number;
  /** Odd kernel size of the gates' convolution. */
  readonly kernelSize: number;
}

/** Hidden and cell states, each [N, H, W, hidden]. (A type alias, so tf.tidy can return it.) */
export type ConvLstmState = {
  readonly h: tf.Tensor4D;
  readonly c: tf.Tensor4D;
};

/** The gates, in the order of the fused convolution's output channels (as the reference's chunk(4)). */
export const CONVLSTM_GATES = ['input', 'forget', 'output', 'cell'] as const;

/**
 * Parameter names of each gate in safetensors files, as `@vidseg/models`' ConvLSTM cell names
 * them: `gates.<gate>.weight` [hidden, input + hidden, k, k] (PyTorch OIHW) and
 * `gates.<gate>.bias` [hidden].
 */
export function convLstmParameterNames(gate: (typeof CONVLSTM_GATES)[number]): { weight: string; bias: string } {
  return { weight: `gates.${gate}.weight`, bias: `gates.${gate}.bias` };
}

/**
 * A convolutional LSTM cell (Shi et al., 2015), as the reference's `ConvLSTM`: one convolution over
 * concat(x, h) gives four gate maps in the order input, forget, output, candidate;
 *
 *   c' = sigmoid(f) * c + sigmoid(i) * tanh(g),   h' = sigmoid(o) * tanh(c')
 *
 * with zero initial states. The four gate convolutions run as one (their kernels concatenated
 * along the output channels); weights are read and written per gate in PyTorch layout under the
 * names of `@vidseg/models`' ConvLSTM cell ({@link convLstmParameterNames}).
 */
export class ConvLstmCell {
  private constructor(
    readonly shape: ConvLstmShape,
    /** [k, k, input + hidden, 4 * hidden]. */
    readonly kernel: tf.Tensor4D,
    /** [4 * hidden]. */
    readonly bias: tf.Tensor1D,
  ) {}

  /** A cell with the given tensors in tfjs layout; it owns them. */
  static fromTensors(shape: ConvLstmShape, kernel: tf.Tensor4D, bias: tf.Tensor1D): ConvLstmCell {
    return new ConvLstmCell(shape, kernel, bias);
  }

  /**
   * A cell initialised as PyTorch's `Conv2d` default: weights and bias uniform in
   * (-1/sqrt(fanIn), 1/sqrt(fanIn)), fanIn = (input + hidden) k^2.
   */
  static random(shape: ConvLstmShape, random: RandomSource): ConvLstmCell {
    const [weightShape, biasShape] = parameterShapes(shape);
    const bound = 1 / Math.sqrt(weightShape[1] * shape.kernelSize * shape.kernelSize);
    const draw = (count: number) => Float32Array.from({ length: count }, () => (2 * random.next() - 1) * bound);
    const weight = draw(weightShape.reduce((a, b) => a * b, 1));
    return ConvLstmCell.fromPyTorch(shape, weight, draw(biasShape[0]));
  }

  /**
   * A cell from tensors named as {@link convLstmParameterNames}; missing or mis-shaped tensors are
   * a {@link DataError} naming `source`.
   */
  static fromNamedTensors(shape: ConvLstmShape, tensors: NamedTensors, source: string): ConvLstmCell {
    const [weightShape, biasShape] = gateParameterShapes(shape);
    const read = (name: string, expected: readonly number[]): Float32Array => {
      const tensor = tensors.get(name);
      if (!tensor) {
        const names = CONVLSTM_GATES.flatMap((gate) => Object.values(convLstmParameterNames(gate)));
        throw new DataError(`${source}: no tensor "${name}" (ConvLSTM weights need ${names.join(', ')})`);
      }
      if (tensor.dtype !== 'F32' || shapeText(tensor.shape) !== shapeText(expected)) {
        throw new DataError(`${source}: tensor "${name}" is ${tensor.dtype} ${shapeText(tensor.shape)}, expected F32 ${shapeText(expected)}`, {
          hint: 'the file was made for another ConvLSTM size (hiddenChannels, kernelSize)',
        });
      }
      return tensor.data as Float32Array;
    };
    const weights = CONVLSTM_GATES.map((gate) => read(convLstmParameterNames(gate).weight, weightShape));
    const biases = CONVLSTM_GATES.map((gate) => read(convLstmParameterNames(gate).bias, biasShape));
    return ConvLstmCell.fromPyTorch(shape, concatenate(weights), concatenate(biases));
  }

  private static fromPyTorch(shape: ConvLstmShape, weight: Float32Array, bias: Float32Array): ConvLstmCell {
    const [weightShape] = parameterShapes(shape);
    const kernel = tf.tidy(() => tf.transpose(tf.tensor4d(weight, weightShape), [2, 3, 1, 0]) as tf.Tensor4D);
    return new ConvLstmCell(shape, kernel, tf.tensor1d(bias));
  }

  /** The weights in PyTorch layout, one weight and one bias per gate, named as {@link convLstmParameterNames}. */
  async toNamedTensors(): Promise<NamedTensors> {
    const [weightShape, biasShape] = gateParameterShapes(this.shape);
    const oihw = tf.transpose(this.kernel, [3, 2, 0, 1]);
    const weight = (await oihw.data()) as Float32Array;
    oihw.dispose();
    const bias = (await this.bias.data()) as Float32Array;
    const weightSize = weight.length / CONVLSTM_GATES.length;
    const biasSize = bias.length / CONVLSTM_GATES.length;
    const named: NamedTensors = new Map();
    CONVLSTM_GATES.forEach((gate, g) => {
      const names = convLstmParameterNames(gate);
      named.set(names.weight, float32Tensor(weightShape, weight.slice(g * weightSize, (g + 1) * weightSize)));
      named.set(names.bias, float32Tensor(biasShape, bias.slice(g * biasSize, (g + 1) * biasSize)));
    });
    return named;
  }

  /** One step: the next state from input x [N, H, W, input] and the previous state (zeros when omitted). */
  step(x: tf.Tensor4D, state?: ConvLstmState): ConvLstmState {
    return tf.tidy(() => {
      const [n, height, width] = x.shape;
      const zeros = () => tf.zeros([n, height, width, this.shape.hiddenChannels]) as tf.Tensor4D;
      const h = state?.h ?? zeros();
      const c = state?.c ?? zeros();
      const gates = tf.add(tf.conv2d(tf.concat([x, h], 3), this.kernel, 1, 'same'), this.bias);
      const [input, forget, output, candidate] = tf.split(gates, 4, 3) as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
      const nextC = tf.add(tf.mul(tf.sigmoid(forget), c), tf.mul(tf.sigmoid(input), tf.tanh(candidate))) as tf.Tensor4D;
      const nextH = tf.mul(tf.sigmoid(output), tf.tanh(nextC)) as tf.Tensor4D;
      return { h: nextH, c: nextC };
    });
  }

  /** The final state after reading `sequence` in order from zero states. */
  run(sequence: readonly tf.Tensor4D[]): ConvLstmState {
    return tf.tidy(() => {
      let state: ConvLstmState | undefined;
      for (const x of sequence) state = this.step(x, state);
      if (!state) throw new RangeError('ConvLSTM: empty sequence');
      return state;
    });
  }

  dispose(): void {
    this.kernel.dispose();
    this.bias.dispose();
  }
}

/** [[4h, in + h, k, k], [4h]]: the PyTorch shapes of the fused gates' weight and bias. */
function parameterShapes(shape: ConvLstmShape): [[number, number, number, number], [number]] {
  const [[hidden, stacked, k], [bias]] = gateParameterShapes(shape);
  return [[4 * hidden, stacked, k, k], [4 * bias]];
}

/** [[h, in + h, k, k], [h]]: the PyTorch shapes of one gate's weight and bias. */
function gateParameterShapes(shape: ConvLstmShape): [[number, number, number, number], [number]] {
  const { inputChannels, hiddenChannels, kernelSize } = shape;
  return [[hiddenChannels, inputChannels + hiddenChannels, kernelSize, kernelSize], [hiddenChannels]];
}

/** The arrays one after the other. */
function concatenate(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
