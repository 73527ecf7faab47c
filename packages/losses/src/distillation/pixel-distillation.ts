import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@vidseg/core';
import { resizeAlignCorners } from '../tensor/resize.js';
import { assertShape, shapeText, spatialSize } from '../tensor/tensor-checks.js';

/** Settings of {@link pixelDistillation}. */
export interface PixelDistillationSettings {
  /** Softmax temperature T applied to both networks' logits. */
  readonly temperature: number;
  /** Multiply by T^2 so gradient magnitudes stay comparable across temperatures (Hinton et al.). */
  readonly scaleByTemperatureSquared: boolean;
  /**
   * `pixel`: KL summed over classes, averaged over pixels. `element`: averaged over every element
   * (pixels x classes), as PyTorch's `KLDivLoss()` default in the reference, i.e. `pixel` / K.
   */
  readonly reduction: 'pixel' | 'element';
}

/**
 * Pixel-wise distillation of one frame:
 *
 *   L = s * mean over pixels p of sum_k P_k(p) (log P_k(p) - log Q_k(p))
 *
 * with P = softmax(teacher / T), Q = softmax(student / T), s = T^2 when scaled (else 1), and the
 * mean also divided by K for the `element` reduction. The student's logits are resized (bilinear,
 * align-corners, as the reference) to the teacher's size when they differ.
 *
 * @param student - [N, h, w, K] student logits.
 * @param teacher - [N, H, W, K] teacher logits (no gradient is needed through them).
 */
export function pixelDistillation(student: tf.Tensor, teacher: tf.Tensor, settings: PixelDistillationSettings): tf.Scalar {
  assertShape(teacher, [undefined, undefined, undefined, undefined], 'pixel distillation: teacher logits', '[N, H, W, K]');
  const [n, , , classes] = teacher.shape as [number, number, number, number];
  assertShape(student, [n, undefined, undefined, undefined], 'pixel distillation: student logits', '[N, h, w, K]');
  if (student.shape[3] !== classes) {
    throw new UsageError(
      `pixel distillation: student logits ${shapeText(student.shape)} and teacher logits ${shapeText(teacher.shape)} have different class counts`,
      { hint: 'the teacher must predict the student\'s classes in the same order' },
    );
  }
  const { temperature } = settings;
  return tf.tidy(() => {
    const resized = resizeAlignCorners(student as tf.Tensor4D, spatialSize(teacher));
    const teacherLog = tf.logSoftmax(tf.div(teacher, temperature));
    const studentLog = tf.logSoftmax(tf.div(resized, temperature));
    const perPixel = tf.sum(tf.mul(tf.exp(teacherLog), tf.sub(teacherLog, studentLog)), -1);
    const scale = (settings.scaleByTemperatureSquared ? temperature * temperature : 1) / (settings.reduction === 'element' ? classes : 1);
    return tf.mul(tf.mean(perPixel), scale) as tf.Scalar;
  });
}
