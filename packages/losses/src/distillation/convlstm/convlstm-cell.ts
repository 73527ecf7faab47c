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

/** Parameter names of the cell in safetensors files (PyTorch layout). */
export const CONVLSTM_PARAMETERS = {
  /** [4 * hidden, input + hidden, k, k]: one convolution for the four gates, over concat(x, h). */
  weight: 'gates.weight',
  /** [4 * hidden]. */
  bias: 'gates.bias',
} as const;

/**
 * A convolutional LSTM cell (Shi et al., 2015), as the reference's `ConvLSTM`: one convolution over
 * concat(x, h) gives four gate maps in the order input, forget, output, candidate;
 *
 *   c' = sigmoid(f) * c + sigmoid(i) * tanh(g),   h' = sigmoid(o) * tanh(c')
 *
 * with zero initial states. Weights are held in tfjs layout (HWIO kernel) and read and written in
 * PyTorch layout by name ({@link CONVLSTM_PARAMETERS}).
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
   * A cell from tensors named as {@link CONVLSTM_PARAMETERS}; missing or mis-shaped tensors are a
   * {@link DataError} naming `source`.
   */
  static fromNamedTensors(shape: ConvLstmShape, tensors: NamedTensors, source: string): ConvLstmCell {
    const [weightShape, biasShape] = parameterShapes(shape);
    const read = (name: string, expected: readonly number[]): Float32Array => {
      const tensor = tensors.get(name);
      if (!tensor) throw new DataError(`${source}: no tensor "${name}" (ConvLSTM weights need ${Object.values(CONVLSTM_PARAMETERS).join(', ')})`);
      if (tensor.dtype !== 'F32' || shapeText(tensor.shape) !== shapeText(expected)) {
        throw new DataError(`${source}: tensor "${name}" is ${tensor.dtype} ${shapeText(tensor.shape)}, expected F32 ${shapeText(expected)}`, {
          hint: 'the file was made for another ConvLSTM size (hiddenChannels, kernelSize)',
        });
      }
      return tensor.data as Float32Array;
    };
    return ConvLstmCell.fromPyTorch(shape, read(CONVLSTM_PARAMETERS.weight, weightShape), read(CONVLSTM_PARAMETERS.bias, biasShape));
  }

  private static fromPyTorch(shape: ConvLstmShape, weight: Float32Array, bias: Float32Array): ConvLstmCell {
    const [weightShape] = parameterShapes(shape);
    const kernel = tf.tidy(() => tf.transpose(tf.tensor4d(weight, weightShape), [2, 3, 1, 0]) as tf.Tensor4D);
    return new ConvLstmCell(shape, kernel, tf.tensor1d(bias));
  }

  /** The weights in PyTorch layout, named as {@link CONVLSTM_PARAMETERS}. */
  async toNamedTensors(): Promise<NamedTensors> {
    const [weightShape, biasShape] = parameterShapes(this.shape);
    const oihw = tf.transpose(this.kernel, [3, 2, 0, 1]);
    const weight = (await oihw.data()) as Float32Array;
    oihw.dispose();
    return new Map([
      [CONVLSTM_PARAMETERS.weight, float32Tensor(weightShape, weight)],
      [CONVLSTM_PARAMETERS.bias, float32Tensor(biasShape, (await this.bias.data()) as Float32Array)],
    ]);
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

/** [[4h, in + h, k, k], [4h]]: the PyTorch shapes of the gates' weight and bias. */
function parameterShapes(shape: ConvLstmShape): [[number, number, number, number], [number]] {
  const { inputChannels, hiddenChannels, kernelSize } = shape;
  return [
    [4 * hiddenChannels, inputChannels + hiddenChannels, kernelSize, kernelSize],
    [4 * hiddenChannels],
  ];
}
