import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import { shapeText } from '../tensor/tensor-checks.js';

/** Added to squared norms so all-zero feature vectors get a cosine of 0 rather than NaN. */
const NORM_EPSILON = 1e-12;

/**
 * Average pooling with a `poolSize` x `poolSize` window and the same stride (no padding; rows and
 * columns that do not fill a window are dropped). A pool size of 1 returns the input.
 *
 * @param x - [N, H, W, C].
 * @param what - names the tensor in errors.
 */
export function poolGrid(x: tf.Tensor4D, poolSize: number, what: string): tf.Tensor4D {
  const [, height, width] = x.shape;
  if (height < poolSize || width < poolSize) {
    throw new UsageError(`${what} ${shapeText(x.shape)} is smaller than the pool size ${poolSize}`, { hint: 'lower poolSize' });
  }
  return poolSize === 1 ? x : tf.avgPool(x, poolSize, poolSize, 'valid');
}

/**
 * Cosine affinity between every position i of `a` and every position j of `b`:
 *
 *   A[n, i, j] = <a_n(i), b_n(j)> / (|a_n(i)| |b_n(j)|)
 *
 * with positions in row-major order (i = y * w + x).
 *
 * @param a - [N, h, w, C].
 * @param b - [N, h', w', C].
 * @returns [N, h * w, h' * w'].
 */
export function cosineAffinity(a: tf.Tensor4D, b: tf.Tensor4D): tf.Tensor3D {
  return tf.tidy(() => {
    const flatten = (x: tf.Tensor4D) => {
      const [n, h, w, c] = x.shape;
      const rows = tf.reshape(x, [n, h * w, c]);
      return tf.div(rows, tf.sqrt(tf.add(tf.sum(tf.square(rows), -1, true), NORM_EPSILON)));
    };
    return tf.matMul(flatten(a), flatten(b), false, true) as tf.Tensor3D;
  });
}

/**
 * Throws a {@link UsageError} when an affinity between two maps on the pooled `grid` (batch x P x P
 * elements, P = grid positions) would exceed `budget`, naming the distiller, the grid and the
 * options that change it.
 */
export function assertAffinityBudget(what: string, batch: number, grid: readonly [number, number], budget: number): void {
  const positions = grid[0] * grid[1];
  if (positions < 2) {
    throw new UsageError(`${what}: the pooled grid is ${grid[0]}x${grid[1]}: with fewer than 2 positions the affinity is constant and the loss always 0`, {
      hint: 'lower poolSize for this feature-map size',
    });
  }
  const elements = batch * positions * positions;
  if (elements > budget) {
    throw new UsageError(
      `${what}: the affinity would have ${batch} x ${positions} x ${positions} = ${elements} elements (pooled grid ${grid[0]}x${grid[1]}), over the budget of ${budget}`,
      { hint: 'raise poolSize (the element count falls with its 4th power) or maxAffinityElements' },
    );
  }
}
