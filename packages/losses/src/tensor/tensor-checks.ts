import type * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';

/** `[2, 8, 8, 19]` for messages. */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Throws a {@link UsageError} naming `what` unless `tensor` has the given rank and, where
 * `expected` gives a number, that size on that axis; `layout` (e.g. `[N, H, W, K]`) explains the
 * axes in the message.
 */
export function assertShape(tensor: tf.Tensor, expected: readonly (number | undefined)[], what: string, layout: string): void {
  const ok = tensor.rank === expected.length && expected.every((size, axis) => size === undefined || tensor.shape[axis] === size);
  if (!ok) {
    const wanted = expected.map((size) => (size === undefined ? '?' : String(size))).join(', ');
    throw new UsageError(`${what} must have shape ${layout} = [${wanted}], got ${shapeText(tensor.shape)}`);
  }
}

/** Throws a {@link UsageError} naming both tensors unless their shapes are equal. */
export function assertSameShape(a: tf.Tensor, b: tf.Tensor, whatA: string, whatB: string): void {
  const same = a.rank === b.rank && a.shape.every((size, axis) => size === b.shape[axis]);
  if (!same) throw new UsageError(`${whatA} ${shapeText(a.shape)} and ${whatB} ${shapeText(b.shape)} must have the same shape`);
}

/** Throws a {@link UsageError} naming `what` unless `tensor` has `dtype`. */
export function assertDtype(tensor: tf.Tensor, dtype: tf.DataType, what: string): void {
  if (tensor.dtype !== dtype) throw new UsageError(`${what} must be ${dtype}, got ${tensor.dtype}`);
}

/** [height, width] of an NHWC tensor. */
export function spatialSize(tensor: tf.Tensor): [number, number] {
  return [tensor.shape[1]!, tensor.shape[2]!];
}
