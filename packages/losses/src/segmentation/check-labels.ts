import * as tf from '@tensorflow/tfjs-core';
import { DataError } from '@vidseg/core';

/**
 * Throws a {@link DataError} when `labels` holds a value that is neither a class id in [0, classes)
 * nor `ignoreLabel` (such pixels would otherwise be silently ignored). Reads one number back from
 * the device synchronously, so it cannot run on backends without synchronous reads (WebGPU in Node).
 */
export function assertLabelsInRange(labels: tf.Tensor, classes: number, ignoreLabel: number, what: string): void {
  const summary = tf.tidy(() => {
    const outside = tf.logicalAnd(tf.logicalOr(tf.less(labels, 0), tf.greaterEqual(labels, classes)), tf.notEqual(labels, ignoreLabel));
    const count = tf.sum(tf.cast(outside, 'int32'));
    const largest = tf.max(tf.where(outside, labels, tf.fill(labels.shape, -2147483648, 'int32')));
    return tf.stack([count, largest]);
  });
  const [count, value] = summary.dataSync();
  summary.dispose();
  if (count! > 0) {
    throw new DataError(
      `${what}: ${count} pixel(s) have label values outside the ${classes} classes and the ignore label ${ignoreLabel} (e.g. ${value})`,
      { hint: 'check the dataset\'s class mapping, or the loss\'s ignoreLabel' },
    );
  }
}
