import * as tf from '@tensorflow/tfjs-core';
import { warpClamped } from '../tensor/warp.js';

/**
 * 1 where the flow's target p + F(p) lies inside the frame, [0, W-1] x [0, H-1], else 0; there the
 * warped neighbour is fully defined by the neighbour frame.
 *
 * @param flow - [N, H, W, 2] flow (dx, dy) in pixels of this grid.
 * @returns [N, H, W, 1] float mask.
 */
export function inFrameMask(flow: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const [, height, width] = flow.shape;
    const [dx, dy] = tf.split(flow, 2, 3);
    const x = tf.add(dx!, tf.reshape(tf.range(0, width, 1, 'float32'), [1, 1, width, 1]));
    const y = tf.add(dy!, tf.reshape(tf.range(0, height, 1, 'float32'), [1, height, 1, 1]));
    const inside = tf.logicalAnd(
      tf.logicalAnd(tf.greaterEqual(x, 0), tf.lessEqual(x, width - 1)),
      tf.logicalAnd(tf.greaterEqual(y, 0), tf.lessEqual(y, height - 1)),
    );
    return tf.cast(inside, 'float32') as tf.Tensor4D;
  });
}

/**
 * The reference's photometric non-occlusion mask, O = exp(-alpha * |sum_c (I_t - warp(I_t', F))|):
 * close to 1 where the neighbour, warped back along the flow, looks like frame t.
 *
 * @param image - [N, H, W, 3] normalised frame t.
 * @param neighbourImage - [N, H, W, 3] normalised frame t'.
 * @param flow - [N, H, W, 2] flow from t to t'.
 * @returns [N, H, W, 1] mask in (0, 1].
 */
export function photometricMask(image: tf.Tensor4D, neighbourImage: tf.Tensor4D, flow: tf.Tensor4D, alpha: number): tf.Tensor4D {
  return tf.tidy(() => {
    const difference = tf.sum(tf.sub(image, warpClamped(neighbourImage, flow)), 3, true);
    return tf.exp(tf.mul(-alpha, tf.abs(difference))) as tf.Tensor4D;
  });
}

/** Tolerances of the forward-backward consistency test. */
export interface ConsistencyTolerance {
  /** Share of the squared flow magnitudes allowed as squared mismatch. */
  readonly relative: number;
  /** Squared mismatch always allowed, in pixels squared. */
  readonly absolute: number;
}

/**
 * Forward-backward consistency (Sundaram, Brox and Keutzer, 2010): with B(p) = F_b(p + F(p)) the
 * backward flow read at the forward flow's target, p is consistent (mask 1) when
 * |F + B|^2 <= relative * (|F|^2 + |B|^2) + absolute, and occluded (mask 0) otherwise.
 *
 * @param flow - [N, H, W, 2] flow from t to t'.
 * @param backwardFlow - [N, H, W, 2] flow from t' to t.
 * @returns [N, H, W, 1] binary mask.
 */
export function forwardBackwardMask(flow: tf.Tensor4D, backwardFlow: tf.Tensor4D, tolerance: ConsistencyTolerance): tf.Tensor4D {
  return tf.tidy(() => {
    const back = warpClamped(backwardFlow, flow);
    const squaredNorm = (v: tf.Tensor) => tf.sum(tf.square(v), 3, true);
    const mismatch = squaredNorm(tf.add(flow, back));
    const allowed = tf.add(tf.mul(tolerance.relative, tf.add(squaredNorm(flow), squaredNorm(back))), tolerance.absolute);
    return tf.cast(tf.lessEqual(mismatch, allowed), 'float32') as tf.Tensor4D;
  });
}
