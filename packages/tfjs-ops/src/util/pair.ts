import { UsageError } from '@vidseg/core';

/** A [height, width] pair of a 2-D attribute (kernel, stride, dilation, padding, size). */
export type Pair = readonly [number, number];

/** One number for both axes, or a [height, width] pair. */
export type PairLike = number | Pair;

/**
 * Normalises `value` to a mutable [height, width] pair of integers, each at least `min`.
 * `what` names the argument in the error message (e.g. `conv2dTrainable: stride`).
 */
export function toPair(value: PairLike, what: string, min: number): [number, number] {
  const pair: [number, number] = typeof value === 'number' ? [value, value] : [value[0], value[1]];
  if (!pair.every((v) => Number.isInteger(v) && v >= min)) {
    throw new UsageError(`${what} must be an integer or a [height, width] pair of integers >= ${min}, got ${JSON.stringify(value)}`);
  }
  return pair;
}
