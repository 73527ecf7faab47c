import { pluginRegistry, type DependencyContainer } from '@vidseg/core';
import { registerBackends } from './backend/register-backends.js';
import { EarlyStoppingHook, earlyStoppingOptionsSchema } from './hooks/early-stopping-hook.js';
import { createZooTeacher, zooTeacherOptionsSchema } from './teacher/zoo-teacher.js';

/** Registers this package's plugins: the `backend` plugins, the `zoo` teacher and the `early-stopping` hook. Importing the package registers nothing. */
export function register(container: DependencyContainer): void {
  registerBackends(container);
  pluginRegistry(container).add({
    kind: 'teacher',
    name: 'zoo',
    packageName: '@vidseg/backend-tfjs',
    description: 'A frozen zoo model on TensorFlow.js with weights from a safetensors file (eval mode, its own preprocessing).',
    options: zooTeacherOptionsSchema,
    nestedEntries: { model: 'model' },
    factory: createZooTeacher,
  });
  pluginRegistry(container).add({
    kind: 'hook',
    name: 'early-stopping',
    packageName: '@vidseg/backend-tfjs',
    description: 'Stops training (with a checkpoint) when an evaluation value has not improved for `patience` evaluations.',
    options: earlyStoppingOptionsSchema,
    factory: (options) => new EarlyStoppingHook(options),
  });
}
