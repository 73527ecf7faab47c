import type * as tf from '@tensorflow/tfjs-core';

/**
 * tfjs hands kernels and gradients their attributes as an untyped `NamedAttrMap`, and takes them
 * back the same way; the kernel knows their type. These two functions are the one place where the
 * two views meet (tfjs's typed attribute interfaces have no index signature, so neither converts
 * to the other directly).
 */
export function kernelAttrs<T extends object>(attrs: tf.NamedAttrMap | undefined): T {
  return attrs as unknown as T;
}

/** Typed attributes as the `NamedAttrMap` that `runKernel` and gradient functions take. */
export function namedAttrs(attrs: object): tf.NamedAttrMap {
  return attrs as unknown as tf.NamedAttrMap;
}
