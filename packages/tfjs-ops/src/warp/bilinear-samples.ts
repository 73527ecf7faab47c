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
 * `height` x `width`: the sample of pixel p is p + flow(p). Everything is a flat [N * H * W] vector
 * of float arithmetic (broadcasting, unstack, comparisons and logical ops are slow loops on wasm).
 */
export function bilinearSamples(flow: tf.Tensor4D, height: number, width: number, border: WarpBorder): BilinearSamples {
  const count = flow.shape[0] * height * width;
  const grid = pixelGrid(count, height, width);
  const components = tf.transpose(tf.reshape(flow, [count, 2]));
  const rawX = tf.add(tf.reshape(tf.slice(components, [0, 0], [1, count]), [count]), grid.x);
  const rawY = tf.add(tf.reshape(tf.slice(components, [1, 0], [1, count]), [count]), grid.y);
  const clamp = border === 'clamp';
  const sampleX = clamp ? tf.clipByValue(rawX, 0, width - 1) : rawX;
  const sampleY = clamp ? tf.clipByValue(rawY, 0, height - 1) : rawY;
  const left = tf.floor(sampleX);
  const top = tf.floor(sampleY);
  const fracX = tf.sub(sampleX, left) as tf.Tensor1D;
  const fracY = tf.sub(sampleY, top) as tf.Tensor1D;
  const corner = (dy: 0 | 1, dx: 0 | 1): SampleCorner => {
    const x = dx === 1 ? tf.add(left, 1) : left;
    const y = dy === 1 ? tf.add(top, 1) : top;
    const column = tf.clipByValue(x, 0, width - 1);
    const row = tf.clipByValue(y, 0, height - 1);
    const inside = tf.mul(unmoved(x, column), unmoved(y, row)) as tf.Tensor1D;
    const weightX = dx === 1 ? fracX : tf.sub(1, fracX);
    const weightY = dy === 1 ? fracY : tf.sub(1, fracY);
    // Row index in float32 (exact below 2^24 pixels per batch), then int32.
    const index = tf.cast(tf.add(tf.add(tf.mul(row, width), column), grid.imageStart), 'int32') as tf.Tensor1D;
    return { index, inside, weight: tf.mul(tf.mul(weightX, weightY), inside) as tf.Tensor1D };
  };
  return {
    corners: [corner(0, 0), corner(0, 1), corner(1, 0), corner(1, 1)],
    fracX,
    fracY,
    movesX: clamp ? unmoved(rawX, sampleX) : (tf.onesLike(rawX) as tf.Tensor1D),
    movesY: clamp ? unmoved(rawY, sampleY) : (tf.onesLike(rawY) as tf.Tensor1D),
  };
}

/**
 * 1 where clamping left `value` as it was, 0 where it moved it, in float arithmetic (wasm's
 * comparison and logical ops are slow loops).
 */
function unmoved(value: tf.Tensor, clamped: tf.Tensor): tf.Tensor1D {
  return tf.sub(1, tf.step(tf.abs(tf.sub(value, clamped)))) as tf.Tensor1D;
}

/** Per flat pixel k of [N, H, W]: its column, its row and the first flat index of its image. */
function pixelGrid(count: number, height: number, width: number): { x: tf.Tensor1D; y: tf.Tensor1D; imageStart: tf.Tensor1D } {
  const x = new Float32Array(count);
  const y = new Float32Array(count);
  const imageStart = new Float32Array(count);
  const pixels = height * width;
  for (let k = 0; k < count; k++) {
    const inImage = k % pixels;
    x[k] = inImage % width;
    y[k] = (inImage - x[k]!) / width;
    imageStart[k] = k - inImage;
  }
  return { x: tf.tensor1d(x), y: tf.tensor1d(y), imageStart: tf.tensor1d(imageStart) };
}
