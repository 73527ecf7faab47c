import * as tf from '@tensorflow/tfjs-core';

/**
 * A [kh, kw, a, b] kernel with its taps spread `dilations` apart by zeros: the undilated kernel
 * whose convolution equals the dilated convolution with the original (an independent reference).
 */
export function stuffKernel(kernel: tf.Tensor4D, [dh, dw]: [number, number]): tf.Tensor4D {
  const [kh, kw, a, b] = kernel.shape;
  return tf.tidy(() => {
    const spread = tf.pad(tf.reshape(kernel, [kh, 1, kw, 1, a, b]), [[0, 0], [0, dh - 1], [0, 0], [0, dw - 1], [0, 0], [0, 0]]);
    return tf.slice(tf.reshape(spread, [kh * dh, kw * dw, a, b]), 0, [(kh - 1) * dh + 1, (kw - 1) * dw + 1]) as tf.Tensor4D;
  });
}

/** The gradient of a stuffed kernel read back at the original taps. */
export function unstuffKernel(stuffed: tf.Tensor4D, [dh, dw]: [number, number]): tf.Tensor4D {
  const [h, w, a, b] = stuffed.shape;
  return tf.stridedSlice(stuffed, [0, 0, 0, 0], [h, w, a, b], [dh, dw, 1, 1]) as tf.Tensor4D;
}
