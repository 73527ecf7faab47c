import * as tf from '@tensorflow/tfjs-core';
import type { OpName } from '@vidseg/models';
import { batchNorm } from './batch-norm.js';
import { conv2d, convTranspose2d } from './convolution.js';
import { add, concat, dropout, mul, prelu } from './elementwise.js';
import type { OpImplementation } from './op-context.js';
import { adaptiveAvgPool2d, avgPool2d, globalAvgPool, maxPool2d } from './pooling.js';
import { resizeBilinear } from './resize.js';

const unary =
  (f: (x: tf.Tensor4D) => tf.Tensor4D): OpImplementation =>
  (_node, [x]) =>
    f(x!);

/** The NHWC implementation of every op of the graph IR. */
export const OP_TABLE: Readonly<Record<OpName, OpImplementation>> = {
  conv2d,
  convTranspose2d,
  batchNorm,
  relu: unary((x) => tf.relu(x)),
  relu6: unary((x) => tf.relu6(x)),
  prelu,
  sigmoid: unary((x) => tf.sigmoid(x)),
  tanh: unary((x) => tf.tanh(x)),
  add,
  mul,
  concat,
  avgPool2d,
  maxPool2d,
  globalAvgPool,
  adaptiveAvgPool2d,
  resizeBilinear,
  dropout,
  identity: unary((x) => x),
};
