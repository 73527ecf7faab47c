import { UsageError } from '@vidseg/core';
import { toPair, type PairLike } from '../util/pair.js';

/** PyTorch pooling window attributes (floor rounding, no dilation). */
export interface Pool2dOptions {
  readonly kernel: PairLike;
  /** Default: the kernel size (PyTorch's default). */
  readonly stride?: PairLike;
  /** Symmetric padding [top/bottom, left/right], at most half the kernel. Default 0. */
  readonly padding?: PairLike;
}

/** The validated window of a pooling op named `op`. */
export interface PoolWindow {
  readonly kernel: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
}

/** Validates and normalises pooling options (PyTorch's rule: padding at most half the kernel). */
export function poolWindow(options: Pool2dOptions, op: string): PoolWindow {
  const kernel = toPair(options.kernel, `${op}: kernel`, 1);
  const stride = toPair(options.stride ?? kernel, `${op}: stride`, 1);
  const padding = toPair(options.padding ?? 0, `${op}: padding`, 0);
  if (padding[0] > kernel[0] / 2 || padding[1] > kernel[1] / 2) {
    throw new UsageError(`${op}: padding [${padding}] must be at most half the kernel [${kernel}]`);
  }
  return { kernel, stride, padding };
}
