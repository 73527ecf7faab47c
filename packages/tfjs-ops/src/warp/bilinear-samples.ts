import * as tf from '@tensorflow/tfjs-core';
import type { WarpBorder } from './warp-border.js';

/** One of the four pixels around a sample: its row in the [N * H * W, C] view, weight and mask. */
export interface SampleCorner {
  /** Row of the corner pixel in the [N * H * W, C] view of the image (clamped into the image). */
  readonly index: tf.Tensor1D;
  /** 1 where the corner lies inside the image, 0 where it lies outside (it then contributes nothing). */
  readonly inside: tf.Tensor1D;
  /** The bilinear weight times `inside`. */
  readonly weight: tf.Tensor1D;
}

/** Where each output pixel of a warp samples, flattened over [N, H, W]. */
export interface BilinearSamples {
  /** Top-left, top-right, bottom-left, bottom-right. */
  readonly corners: readonly [SampleCorner, SampleCorner, SampleCorner, SampleCorner];
  /** Fractional offsets of the sample from its top-left corner. */
  readonly fracX: tf.Tensor1D;
  readonly fracY: tf.Tensor1D;
  /** 1 where the sample position moves with the flow, 0 where `clamp` pinned it to the border. */
  readonly movesX: tf.Tensor1D;
  readonly movesY: tf.Tensor1D;
}

/**
 * The bilinear sampling of a warp by `flow` ([N, H, W, 2], (dx, dy) in pixels) of an image of
 * `height` x `width`: the sample of pixel p is p + flow(p).
 */
export function bilinearSamples(flow: tf.Tensor4D, height: number, width: number, border: WarpBorder): BilinearSamples {
  const [n] = flow.shape;
  const count = n * height * width;
  const [flowX, flowY] = tf.unstack(tf.reshape(flow, [n, height, width, 2]), 3) as [tf.Tensor3D, tf.Tensor3D];
  const rawX = tf.reshape(tf.add(flowX, tf.reshape(tf.range(0, width), [1, 1, width])), [count]);
  const rawY = tf.reshape(tf.add(flowY, tf.reshape(tf.range(0, height), [1, height, 1])), [count]);
  const clamp = border === 'clamp';
  const sampleX = clamp ? tf.clipByValue(rawX, 0, width - 1) : rawX;
  const sampleY = clamp ? tf.clipByValue(rawY, 0, height - 1) : rawY;
  const left = tf.floor(sampleX);
  const top = tf.floor(sampleY);
  const fracX = tf.sub(sampleX, left) as tf.Tensor1D;
  const fracY = tf.sub(sampleY, top) as tf.Tensor1D;
  // Row offsets of each image in the [N * H * W, C] view, in float32 (exact below 2^24 pixels).
  const imageOffset = tf.reshape(tf.tile(tf.reshape(tf.range(0, count, height * width), [n, 1]), [1, height * width]), [count]);
  const corner = (dy: 0 | 1, dx: 0 | 1): SampleCorner => {
    const x = tf.add(left, dx);
    const y = tf.add(top, dy);
    const inside = tf.cast(
      tf.logicalAnd(tf.logicalAnd(tf.greaterEqual(x, 0), tf.lessEqual(x, width - 1)), tf.logicalAnd(tf.greaterEqual(y, 0), tf.lessEqual(y, height - 1))),
      'float32',
    ) as tf.Tensor1D;
    const weightX = dx === 1 ? fracX : tf.sub(1, fracX);
    const weightY = dy === 1 ? fracY : tf.sub(1, fracY);
    const rowStart = tf.mul(tf.clipByValue(y, 0, height - 1), width);
    const index = tf.cast(tf.add(tf.add(rowStart, tf.clipByValue(x, 0, width - 1)), imageOffset), 'int32') as tf.Tensor1D;
    return { index, inside, weight: tf.mul(tf.mul(weightX, weightY), inside) as tf.Tensor1D };
  };
  const movesWithin = (raw: tf.Tensor, limit: number) =>
    (clamp ? tf.cast(tf.logicalAnd(tf.greaterEqual(raw, 0), tf.lessEqual(raw, limit)), 'float32') : tf.onesLike(raw)) as tf.Tensor1D;
  return {
    corners: [corner(0, 0), corner(0, 1), corner(1, 0), corner(1, 1)],
    fracX,
    fracY,
    movesX: movesWithin(rawX, width - 1),
    movesY: movesWithin(rawY, height - 1),
  };
}
