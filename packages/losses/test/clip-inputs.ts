import type * as tf from '@tensorflow/tfjs-core';
import type { LossInputs, NetworkOutputs } from '@vidseg/core';

/**
 * Loss inputs for a clip whose student and teacher outputs are given per frame; images, labels
 * and flows are added by the caller where a test needs them.
 */
export function clipInputs(
  target: number,
  student: readonly NetworkOutputs<tf.Tensor>[],
  teacher?: readonly NetworkOutputs<tf.Tensor>[],
  extra: Partial<LossInputs<tf.Tensor>> = {},
): LossInputs<tf.Tensor> {
  return { target, images: [], student, ...(teacher ? { teacher } : {}), ...extra };
}

/** Network outputs with only `features` meaningful (the logits are the features, unused). */
export function featureOutputs(features: tf.Tensor): NetworkOutputs<tf.Tensor> {
  return { logits: features, features };
}
