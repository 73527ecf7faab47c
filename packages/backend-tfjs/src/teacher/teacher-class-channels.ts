import { UsageError } from '@vidseg/core';

/**
 * The teacher's logit channels in the student's class order, matched by class name, or undefined
 * when the two class lists are identical. Extra teacher classes (e.g. ESPNet-CamVid's trained
 * Void output) are dropped, so distillation compares distributions over the student's classes; a
 * student class the teacher lacks is an error.
 */
export function teacherClassChannels(teacherClasses: readonly string[], studentClasses: readonly string[]): number[] | undefined {
  if (teacherClasses.length === studentClasses.length && teacherClasses.every((name, i) => name === studentClasses[i])) return undefined;
  return studentClasses.map((name) => {
    const channel = teacherClasses.indexOf(name);
    if (channel < 0) {
      throw new UsageError(`the teacher has no class "${name}" (teacher classes: ${teacherClasses.join(', ')})`, {
        hint: 'distillation needs a teacher that predicts every class of the student',
      });
    }
    return channel;
  });
}
