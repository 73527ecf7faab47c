import * as tf from '@tensorflow/tfjs-core';

/**
 * float32 scalars by value, made once and reused until {@link dispose}. `tf.mul(x, 0.9)` makes a
 * new scalar tensor each call; on WebGPU each is a separate upload into a fresh GPU buffer (SGD
 * alone made three per parameter per step), so loops over parameters or layers share these instead.
 * The values are the same as the plain numbers' (tfjs casts numbers to float32 scalars).
 */
export class ScalarCache {
  private readonly scalars = new Map<number, tf.Scalar>();

  /** The scalar `value` (kept out of any enclosing `tf.tidy`; freed by {@link dispose}). */
  get(value: number): tf.Scalar {
    let scalar = this.scalars.get(value);
    if (!scalar) {
      scalar = tf.keep(tf.scalar(value, 'float32'));
      this.scalars.set(value, scalar);
    }
    return scalar;
  }

  dispose(): void {
    for (const scalar of this.scalars.values()) scalar.dispose();
    this.scalars.clear();
  }
}
