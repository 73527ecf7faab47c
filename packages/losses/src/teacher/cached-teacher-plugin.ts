import type * as tf from '@tensorflow/tfjs-core';
import {
  pluginEntrySchema,
  type PluginContext,
  type PluginEntry,
  type PluginRegistration,
  type RuntimeTensor,
  type Teacher,
} from '@vidseg/core';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';
import { PACKAGE_NAME } from '../package-name.js';
import { CachedTeacher } from './cached-teacher.js';

/** Options of the `cached` teacher. */
export const cachedTeacherOptions = z.object({
  teacher: pluginEntrySchema.describe('the teacher whose outputs are cached, e.g. { type: zoo, model: { type: pspnet, depth: 50 }, weights: teacher.safetensors }'),
  dir: z.string().min(1).default('.teacher-cache').describe('cache folder (relative to the config file); one safetensors file per frame'),
  teacherId: z
    .string()
    .min(1)
    .optional()
    .describe("identity of the teacher in the cache keys (default: the wrapped teacher's name and a hash of its entry); set it, e.g. to the weights file's hash, when a file can change under the same path"),
});

/** Validated options of the `cached` teacher. */
export type CachedTeacherOptions = z.output<typeof cachedTeacherOptions>;

/** Builds the wrapped teacher through the registry and puts the disk cache around it. */
function createCachedTeacher(options: CachedTeacherOptions, context: PluginContext): CachedTeacher {
  // A teacher returns tfjs tensors (zoo) or host tensors (ONNX); CachedTeacher stores both.
  const inner = context.create('teacher', options.teacher, { path: 'teacher' }) as Teacher<tf.Tensor> | Teacher<RuntimeTensor>;
  return new CachedTeacher(inner, {
    dir: resolve(context.baseDir ?? '.', options.dir),
    teacherId: options.teacherId ?? `${inner.name}@${entryHash(options.teacher)}`,
  });
}

/** SHA-256 of a plugin entry with its object keys sorted, so key order in the config does not matter. */
function entryHash(entry: PluginEntry): string {
  const sorted = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)]))
      : Array.isArray(value)
        ? value.map(sorted)
        : value;
  return createHash('sha256').update(JSON.stringify(sorted(entry))).digest('hex').slice(0, 16);
}

/** The `cached` teacher plugin: any teacher with its outputs kept on disk per frame and reused. */
export const cachedTeacherPlugin: PluginRegistration<CachedTeacher, CachedTeacherOptions> = {
  kind: 'teacher',
  name: 'cached',
  packageName: PACKAGE_NAME,
  description: "Another teacher with its outputs cached on disk, one file per frame keyed by the frame's pixels and the teacher, reused across epochs and runs.",
  options: cachedTeacherOptions,
  nestedEntries: { teacher: 'teacher' },
  factory: createCachedTeacher,
};
