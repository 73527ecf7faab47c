import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import { resizeAlignCorners, resizeFlowAlignCorners } from '../tensor/resize.js';
import { assertSameShape, assertShape, spatialSize } from '../tensor/tensor-checks.js';
import { warpClamped } from '../tensor/warp.js';
import { forwardBackwardMask, inFrameMask, photometricMask, type ConsistencyTolerance } from './occlusion-masks.js';

/** Which non-occlusion mask weighs the temporal loss. */
export type OcclusionMaskKind = 'photometric' | 'forward-backward' | 'none';

/** How {@link temporalLoss} compares the two outputs. */
export interface TemporalSettings {
  /** Compare raw logits (the reference) or softmax probabilities (the softmax taken after any resize). */
  readonly space: 'logits' | 'probabilities';
  readonly mask: OcclusionMaskKind;
  /** Sharpness of the photometric mask (the reference: 1 on normalised images). */
  readonly alpha: number;
  /** Tolerances of the forward-backward mask. */
  readonly consistency: ConsistencyTolerance;
  /**
   * Where the comparison happens. `input`: both outputs are resized (bilinear, align-corners) to the
   * flow's resolution, as the reference does. `output`: the flow is resized to the outputs'
   * resolution and its vectors scaled to output pixels; the occlusion mask is computed at the
   * input resolution and resized the same way.
   */
  readonly resolution: 'input' | 'output';
}

/** One (t, t') pair of a clip, as {@link temporalLoss} reads it. */
export interface TemporalPair {
  /** [N, h, w, K] output of frame t. */
  readonly output: tf.Tensor;
  /** [N, h, w, K] output of the neighbour t'. */
  readonly neighbourOutput: tf.Tensor;
  /** [N, H, W, 3] normalised frame t (photometric mask). */
  readonly image: tf.Tensor;
  /** [N, H, W, 3] normalised frame t' (photometric mask). */
  readonly neighbourImage: tf.Tensor;
  /** [N, H, W, 2] flow from t to t' in input pixels. */
  readonly flow: tf.Tensor;
  /** [N, H, W, 2] flow from t' to t (forward-backward mask only). */
  readonly backwardFlow?: tf.Tensor;
}

/**
 * The temporal loss of one pair:
 *
 *   L = mean over n, p, k of ( O(p) M(p) (S_t(p)_k - S_t'(p + F(p))_k) )^2
 *
 * with S the outputs (logits or probabilities), F the flow from t to t', S_t'(p + F(p)) read by
 * bilinear warping, O the non-occlusion mask, and M the in-frame mask (1 where p + F(p) falls
 * inside the frame). As the reference, the mask multiplies both sides before the squared
 * difference (so O enters squared) and the mean runs over every element, masked or not.
 * Gradients flow into both outputs.
 */
export function temporalLoss(pair: TemporalPair, settings: TemporalSettings): tf.Scalar {
  assertShape(pair.output, [undefined, undefined, undefined, undefined], 'temporal loss: output of frame t', '[N, h, w, K]');
  assertSameShape(pair.output, pair.neighbourOutput, 'temporal loss: output of frame t', "output of frame t'");
  const n = pair.output.shape[0];
  assertShape(pair.flow, [n, undefined, undefined, 2], 'temporal loss: flow', '[N, H, W, 2]');
  const [height, width] = spatialSize(pair.flow);
  if (settings.mask === 'photometric') {
    assertShape(pair.image, [n, height, width, 3], 'temporal loss: image of frame t', '[N, H, W, 3] (the flow\'s size)');
    assertShape(pair.neighbourImage, [n, height, width, 3], "temporal loss: image of frame t'", '[N, H, W, 3] (the flow\'s size)');
  }
  if (settings.mask === 'forward-backward') {
    if (!pair.backwardFlow) {
      throw new UsageError("temporal loss: the forward-backward mask needs the backward flow (from t' to t) in inputs.backwardFlows", {
        hint: 'provide backwardFlows, or use mask: photometric or none',
      });
    }
    assertShape(pair.backwardFlow, [n, height, width, 2], 'temporal loss: backward flow', '[N, H, W, 2] (the forward flow\'s size)');
  }
  return tf.tidy(() => {
    const flow = pair.flow as tf.Tensor4D;
    const occlusion = occlusionMask(pair, settings);
    const atInput = settings.resolution === 'input';
    const size: [number, number] = atInput ? [height, width] : spatialSize(pair.output);
    const lossFlow = atInput ? flow : resizeFlowAlignCorners(flow, size);
    const toSpace = (output: tf.Tensor) => {
      const resized = atInput ? resizeAlignCorners(output as tf.Tensor4D, size) : (output as tf.Tensor4D);
      return settings.space === 'probabilities' ? tf.softmax(resized) : resized;
    };
    let mask = inFrameMask(lossFlow);
    if (occlusion) mask = tf.mul(mask, atInput ? occlusion : resizeAlignCorners(occlusion, size));
    const current = toSpace(pair.output);
    const warped = warpClamped(toSpace(pair.neighbourOutput) as tf.Tensor4D, lossFlow);
    return tf.mean(tf.square(tf.sub(tf.mul(current, mask), tf.mul(warped, mask)))) as tf.Scalar;
  });
}

function occlusionMask(pair: TemporalPair, settings: TemporalSettings): tf.Tensor4D | undefined {
  const flow = pair.flow as tf.Tensor4D;
  switch (settings.mask) {
    case 'photometric':
      return photometricMask(pair.image as tf.Tensor4D, pair.neighbourImage as tf.Tensor4D, flow, settings.alpha);
    case 'forward-backward':
      return forwardBackwardMask(flow, pair.backwardFlow as tf.Tensor4D, settings.consistency);
    case 'none':
      return undefined;
  }
}
