import * as tf from '@tensorflow/tfjs-core';
import { assertChannelsLast } from '../util/assert-nhwc.js';
import { explicitPadding, type ExplicitPadding } from '../util/explicit-padding.js';

/** The geometry of a 2-D convolution as tfjs computes it (sizes, strides, dilations, padding). */
export type ConvInfo = tf.backend_util.Conv2DInfo;

type Shape4 = [number, number, number, number];

/** The convolution attributes the tfjs conv kernels and their gradient kernels carry. */
export interface ConvAttributes {
  readonly strides: number | [number, number];
  readonly pad: 'valid' | 'same' | number | ExplicitPadding;
  readonly dilations?: number | [number, number];
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
  readonly dataFormat?: string;
}

/**
 * The geometry of a convolution of an NHWC input of `inShape` with a filter of `filterShape`
 * ([kh, kw, in, out], or [kh, kw, in, multiplier] when `depthwise`). `kernelName` names the caller
 * in the error raised for a layout other than NHWC.
 */
export function convInfo(inShape: readonly number[], filterShape: readonly number[], attrs: ConvAttributes, depthwise: boolean, kernelName: string): ConvInfo {
  assertChannelsLast(attrs.dataFormat, kernelName);
  return tf.backend_util.computeConv2DInfo(
    [...inShape] as Shape4,
    [...filterShape] as Shape4,
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    depthwise,
  );
}

/** Whether the convolution has a dilation rate above 1 (tfjs's own gradients refuse those). */
export function isDilated(info: ConvInfo): boolean {
  return info.dilationHeight > 1 || info.dilationWidth > 1;
}

/** The convolution's padding as explicit NHWC padding. */
export function infoPadding(info: ConvInfo): ExplicitPadding {
  const p = info.padInfo;
  return explicitPadding(p.top, p.bottom, p.left, p.right);
}
