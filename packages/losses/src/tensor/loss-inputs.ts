import * as tf from '@tensorflow/tfjs-core';
import { UsageError, type LossInputs, type NetworkOutputs } from '@vidseg/core';

/** The student's outputs of frame t. */
export function targetStudent(inputs: LossInputs<tf.Tensor>, loss: string): NetworkOutputs<tf.Tensor> {
  const outputs = inputs.student[inputs.target];
  if (!outputs) throw new UsageError(`${loss}: no student outputs at the target index ${inputs.target} (${inputs.student.length} frames)`);
  return outputs;
}

/** The teacher's outputs, one per frame; a clear error when the trainer gave none. */
export function teacherOutputs(inputs: LossInputs<tf.Tensor>, loss: string): readonly NetworkOutputs<tf.Tensor>[] {
  if (!inputs.teacher || inputs.teacher.length !== inputs.student.length) {
    throw new UsageError(
      `${loss}: needs teacher outputs for each of the ${inputs.student.length} frames, got ${inputs.teacher?.length ?? 'none'}`,
      { hint: 'configure a teacher for the run' },
    );
  }
  return inputs.teacher;
}

/** Indices of the clip's frames other than the target, in time order. */
export function neighbourIndices(inputs: LossInputs<tf.Tensor>): number[] {
  return inputs.student.flatMap((_, i) => (i === inputs.target ? [] : [i]));
}

/** Mean of one or more scalar terms. */
export function meanOf(terms: readonly tf.Scalar[]): tf.Scalar {
  return tf.tidy(() => tf.div(tf.addN([...terms]), terms.length) as tf.Scalar);
}
