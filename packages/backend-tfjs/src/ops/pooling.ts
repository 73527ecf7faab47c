import * as tf from '@tensorflow/tfjs-core';
import type { GraphNode } from '@vidseg/models';
import { hw } from './op-context.js';

type AvgPoolSpec = Extract<GraphNode['spec'], { op: 'avgPool2d' }>;
type MaxPoolSpec = Extract<GraphNode['spec'], { op: 'maxPool2d' }>;
type AdaptiveSpec = Extract<GraphNode['spec'], { op: 'adaptiveAvgPool2d' }>;

const spatialPadding = (padding: readonly [number, number]): [[number, number], [number, number], [number, number], [number, number]] => [
  [0, 0],
  [padding[0], padding[0]],
  [padding[1], padding[1]],
  [0, 0],
];

/**
 * PyTorch AvgPool2d (floor rounding). With `countIncludePad` the zero padding counts in every
 * window (pad, then average without padding); without it, each window is divided by the number
 * of real pixels it covers (tfjs's own rule for padded windows).
 */
export function avgPool2d(node: GraphNode, [x]: readonly tf.Tensor4D[]): tf.Tensor4D {
  const spec = node.spec as AvgPoolSpec;
  const padding = spatialPadding(spec.padding);
  if (spec.countIncludePad && (spec.padding[0] > 0 || spec.padding[1] > 0)) {
    return tf.avgPool(tf.pad(x!, padding), hw(spec.kernel), hw(spec.stride), 'valid');
  }
  return tf.avgPool(x!, hw(spec.kernel), hw(spec.stride), padding);
}

/** PyTorch MaxPool2d (padding never wins the maximum; floor rounding). */
export function maxPool2d(node: GraphNode, [x]: readonly tf.Tensor4D[]): tf.Tensor4D {
  const spec = node.spec as MaxPoolSpec;
  return tf.maxPool(x!, hw(spec.kernel), hw(spec.stride), spatialPadding(spec.padding));
}

/** Mean over height and width, keeping them as 1x1. */
export function globalAvgPool(_node: GraphNode, [x]: readonly tf.Tensor4D[]): tf.Tensor4D {
  return tf.mean(x!, [1, 2], true) as tf.Tensor4D;
}

/**
 * PyTorch AdaptiveAvgPool2d: bin i of an axis of length L averages [floor(i L / n), ceil((i + 1) L / n)).
 * Computed as two products with averaging matrices (one per axis), so its gradient is exact.
 */
export function adaptiveAvgPool2d(node: GraphNode, [x]: readonly tf.Tensor4D[]): tf.Tensor4D {
  const spec = node.spec as AdaptiveSpec;
  const [n, h, w, c] = x!.shape;
  const [bh, bw] = spec.bins;
  const rows = tf.tensor2d(binMatrix(h, bh), [bh, h]);
  const cols = tf.tensor2d(binMatrix(w, bw), [bw, w]);
  // [n, h, w, c] -> [h, n*w*c], pool rows -> [bh, n, w, c] -> [w, bh*n*c]...
  const byRows = tf.matMul(rows, tf.reshape(tf.transpose(x!, [1, 0, 2, 3]), [h, n * w * c]));
  const rowsPooled = tf.reshape(byRows, [bh, n, w, c]);
  const byCols = tf.matMul(cols, tf.reshape(tf.transpose(rowsPooled, [2, 0, 1, 3]), [w, bh * n * c]));
  return tf.transpose(tf.reshape(byCols, [bw, bh, n, c]), [2, 1, 0, 3]);
}

/** The [bins, length] matrix whose row i averages bin i (PyTorch's adaptive bins). */
function binMatrix(length: number, bins: number): Float32Array {
  const matrix = new Float32Array(bins * length);
  for (let i = 0; i < bins; i++) {
    const start = Math.floor((i * length) / bins);
    const end = Math.ceil(((i + 1) * length) / bins);
    for (let j = start; j < end; j++) matrix[i * length + j] = 1 / (end - start);
  }
  return matrix;
}
