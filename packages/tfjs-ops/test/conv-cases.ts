import type { ExplicitPadding } from '../src/util/explicit-padding.js';

/** A convolution geometry the gradient tests cover, in tfjs's terms. */
export interface ConvCase {
  readonly name: string;
  readonly kernel: [number, number];
  readonly strides: [number, number];
  readonly dilations: [number, number];
  readonly pad: 'same' | 'valid' | ExplicitPadding;
}

const explicit = (top: number, bottom: number, left: number, right: number): ExplicitPadding => [
  [0, 0],
  [top, bottom],
  [left, right],
  [0, 0],
];

/** Geometries with every padding shape the adjoint computations distinguish (cropping included). */
export const CONV_CASES: readonly ConvCase[] = [
  { name: '3x3 stride 1 pad 1', kernel: [3, 3], strides: [1, 1], dilations: [1, 1], pad: explicit(1, 1, 1, 1) },
  { name: '3x3 stride 2 pad 1', kernel: [3, 3], strides: [2, 2], dilations: [1, 1], pad: explicit(1, 1, 1, 1) },
  { name: '3x3 stride 2 no pad (unread last column)', kernel: [3, 3], strides: [2, 2], dilations: [1, 1], pad: 'valid' },
  { name: '3x3 stride 2 same (asymmetric pad)', kernel: [3, 3], strides: [2, 2], dilations: [1, 1], pad: 'same' },
  { name: '1x1 (read as is)', kernel: [1, 1], strides: [1, 1], dilations: [1, 1], pad: 'valid' },
  { name: '1x1 stride 2', kernel: [1, 1], strides: [2, 2], dilations: [1, 1], pad: 'valid' },
  { name: '1x1 pad 1 (pad beyond the kernel: cropped adjoint)', kernel: [1, 1], strides: [1, 1], dilations: [1, 1], pad: explicit(1, 1, 1, 1) },
  { name: '2x2 pad 1 (even kernel)', kernel: [2, 2], strides: [1, 1], dilations: [1, 1], pad: explicit(1, 1, 1, 1) },
  { name: '4x4 stride 3 pad 2 (three phases)', kernel: [4, 4], strides: [3, 3], dilations: [1, 1], pad: explicit(2, 2, 2, 2) },
  { name: '3x1 stride [2, 1] pad [1, 0]', kernel: [3, 1], strides: [2, 1], dilations: [1, 1], pad: explicit(1, 1, 0, 0) },
  { name: '3x3 dilation 2 pad 2', kernel: [3, 3], strides: [1, 1], dilations: [2, 2], pad: explicit(2, 2, 2, 2) },
  { name: '3x3 dilation 3 pad 1', kernel: [3, 3], strides: [1, 1], dilations: [3, 3], pad: explicit(1, 1, 1, 1) },
  { name: '3x3 dilation [1, 2] pad [1, 2]', kernel: [3, 3], strides: [1, 1], dilations: [1, 2], pad: explicit(1, 1, 2, 2) },
];
