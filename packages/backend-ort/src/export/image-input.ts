import type { Preprocessing } from '@vidseg/core';
import { intAttribute, intsAttribute } from '../onnx/onnx-attribute.js';
import type { OnnxGraphWriter } from '../onnx/onnx-graph-writer.js';
import { onnxSchema } from '../onnx/onnx-schema.js';

const DataType = onnxSchema.TensorProto.DataType;

/**
 * Weights [3, channels, 1, 1] and bias [3] of the 1x1 convolution that picks the network's channels
 * (in `channelOrder`) from an RGB or RGBA image and applies x = (v - mean) / std * scale.
 */
export function normalizationKernel(preprocessing: Preprocessing, channels: 3 | 4): { weight: Float32Array; bias: Float32Array } {
  const weight = new Float32Array(3 * channels);
  const bias = new Float32Array(3);
  for (let out = 0; out < 3; out++) {
    const source = preprocessing.channelOrder === 'RGB' ? out : 2 - out;
    const factor = preprocessing.scale / preprocessing.std[out]!;
    weight[out * channels + source] = factor;
    bias[out] = -preprocessing.mean[out]! * factor;
  }
  return { weight, bias };
}

/**
 * The in-graph preprocessing from the uint8 NHWC image `image` to the network's float NCHW input:
 * Transpose (on bytes, the cheapest place for the one layout change), Cast, and one 1x1 Conv that
 * selects and reorders the channels and normalises them. Returns the normalised tensor.
 */
export function preprocessImage(writer: OnnxGraphWriter, image: string, preprocessing: Preprocessing, channels: 3 | 4): string {
  const nchw = writer.node('Transpose', [image], [intsAttribute('perm', [0, 3, 1, 2])], 'preprocess/nchw');
  const floats = writer.node('Cast', [nchw], [intAttribute('to', DataType.FLOAT)], 'preprocess/float');
  const { weight, bias } = normalizationKernel(preprocessing, channels);
  const weightName = writer.floatInitializer('preprocess.weight', [3, channels, 1, 1], weight);
  const biasName = writer.floatInitializer('preprocess.bias', [3], bias);
  return writer.node('Conv', [floats, weightName, biasName], [intsAttribute('kernel_shape', [1, 1])], 'preprocess/normalize');
}
