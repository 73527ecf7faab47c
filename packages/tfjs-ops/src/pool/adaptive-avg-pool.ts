import * as tf from '@tensorflow/tfjs-core';
import { assertRank4 } from '../util/assert-nhwc.js';
import { toPair, type PairLike } from '../util/pair.js';
import { adaptivePoolingMatrix } from './adaptive-bins.js';

/**
 * PyTorch's AdaptiveAvgPool2d on NHWC input to `bins` ([rows, columns] or one number for both), with
 * PyTorch's bin edges (overlapping where the size is not a multiple of the bins). Computed as two
 * matrix products with averaging matrices, one per axis, without transposes; its gradient is the
 * matrix products' (exact, and cheap: bins are few).
 */
export function adaptiveAvgPool(x: tf.Tensor4D, bins: PairLike): tf.Tensor4D {
  assertRank4(x, 'adaptiveAvgPool: x');
  const [binRows, binCols] = toPair(bins, 'adaptiveAvgPool: bins', 1);
  const [n, h, w, c] = x.shape;
  return tf.tidy(() => {
    const rowMatrix = tf.tensor3d(adaptivePoolingMatrix(h, binRows), [1, binRows, h]);
    const colMatrix = tf.tensor3d(adaptivePoolingMatrix(w, binCols), [1, binCols, w]);
    const byRows = tf.matMul(rowMatrix, tf.reshape(x, [n, h, w * c]));
    const byCols = tf.matMul(colMatrix, tf.reshape(byRows, [n * binRows, w, c]));
    return tf.reshape(byCols, [n, binRows, binCols, c]);
  });
}
