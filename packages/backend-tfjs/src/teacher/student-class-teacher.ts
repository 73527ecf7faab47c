import * as tf from '@tensorflow/tfjs-core';
import type { ImageFrame, NetworkOutputs, Teacher } from '@vidseg/core';
import { teacherClassChannels } from './teacher-class-channels.js';

/**
 * A teacher whose logits are restricted to the student's classes, in the student's order (channels
 * last), so distillation compares distributions over the same classes. When the class lists are
 * identical, `teacher` itself is returned (no copy, no gather).
 */
export function inStudentClasses(teacher: Teacher<tf.Tensor>, studentClasses: readonly string[]): Teacher<tf.Tensor> {
  const channels = teacherClassChannels(teacher.classes, studentClasses);
  if (!channels) return teacher;
  return {
    name: teacher.name,
    classes: studentClasses,
    async predict(frames: readonly ImageFrame[], options?: { features?: boolean }): Promise<NetworkOutputs<tf.Tensor>> {
      const outputs = await teacher.predict(frames, options);
      const logits = tf.gather(outputs.logits, channels, outputs.logits.rank - 1);
      outputs.logits.dispose();
      return { ...outputs, logits };
    },
    dispose: () => teacher.dispose(),
  };
}
