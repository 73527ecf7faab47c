import * as tf from '@tensorflow/tfjs-core';
import { assertRank4 } from '../util/assert-nhwc.js';
import { toPair, type PairLike } from '../util/pair.js';
import { adaptivePoolingMatrix } from './adaptive-bins.js';

/**
 * PyTorch's AdaptiveAvgPool2d on NHWC input to `bins` ([rows, columns] or one number for both), with
 * PyTorch's bin edges (overlapping where the size is not a multiple of the bins). Computed as two
 * matrix products with averaging matrices, one per axis, without transposes. The gradient is the
 * products with the transposed matrices, built transposed on the host (tfjs's own matMul gradient
 * would multiply with transposeA, which wasm runs about 10x slower).
 */
export function adaptiveAvgPool(x: tf.Tensor4D, bins: PairLike): tf.Tensor4D {
  assertRank4(x, 'adaptiveAvgPool: x');
  const [binRows, binCols] = toPair(bins, 'adaptiveAvgPool: bins', 1);
  const [n, h, w, c] = x.shape;
  const rows = adaptivePoolingMatrix(h, binRows);
  const cols = adaptivePoolingMatrix(w, binCols);
  const pool = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const input = args[0] as tf.Tensor4D;
    const byRows = tf.matMul(tf.tensor3d(rows, [1, binRows, h]), tf.reshape(input, [n, h, w * c]));
    const byCols = tf.matMul(tf.tensor3d(cols, [1, binCols, w]), tf.reshape(byRows, [n * binRows, w, c]));
    const value = tf.reshape(byCols, [n, binRows, binCols, c]);
    const gradFunc = (dy: tf.Tensor) => {
      const toCols = tf.matMul(tf.tensor3d(transpose(cols, binCols, w), [1, w, binCols]), tf.reshape(dy, [n * binRows, binCols, c]));
      const toRows = tf.matMul(tf.tensor3d(transpose(rows, binRows, h), [1, h, binRows]), tf.reshape(toCols, [n, binRows, w * c]));
      return [tf.reshape(toRows, [n, h, w, c])];
    };
    return { value, gradFunc };
  });
  return pool(x) as tf.Tensor4D;
}

/** The transpose of a row-major [rows, cols] matrix. */
function transpose(matrix: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(matrix.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = matrix[i * cols + j]!;
  return out;
}
