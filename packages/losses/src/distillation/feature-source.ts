import * as tf from '@tensorflow/tfjs-core';
import { UsageError, type NetworkOutputs } from '@vidseg/core';
import { resizeAlignCorners } from '../tensor/resize.js';
import { assertShape, spatialSize } from '../tensor/tensor-checks.js';
import { assertAffinityBudget, poolGrid } from './affinity.js';

/** Which output an affinity-based distiller reads: the feature map, or the logits. */
export type FeatureSource = 'features' | 'logits';

/** How an affinity-based distiller prepares the maps it compares. */
export interface GridSettings {
  readonly source: FeatureSource;
  /** Average-pooling window and stride. */
  readonly poolSize: number;
  /** Largest affinity (batch x positions x positions) the distiller may build. */
  readonly maxAffinityElements: number;
}

/** The chosen map of one network's outputs for one frame, checked to be NHWC. */
export function featureMap(outputs: NetworkOutputs<tf.Tensor>, source: FeatureSource, what: string): tf.Tensor4D {
  const map = source === 'features' ? outputs.features : outputs.logits;
  if (!map) {
    throw new UsageError(`${what} has no feature map`, { hint: 'build the model with outputs.features, or set source: logits' });
  }
  assertShape(map, [undefined, undefined, undefined, undefined], what, '[N, h, w, C]');
  return map as tf.Tensor4D;
}

/** Size of the pooled grid of a [N, h, w, C] map. */
export function pooledGrid(map: tf.Tensor4D, poolSize: number): [number, number] {
  return [Math.floor(map.shape[1] / poolSize), Math.floor(map.shape[2] / poolSize)];
}

/**
 * The student's and the teacher's maps of one frame on the same pooled grid: the student's map
 * is resized (bilinear, align-corners) to the teacher's size when they differ, then both are
 * average-pooled. Fails before any work when an affinity on that grid would exceed the budget.
 */
export function pooledPair(
  student: NetworkOutputs<tf.Tensor>,
  teacher: NetworkOutputs<tf.Tensor>,
  settings: GridSettings,
  what: string,
): { student: tf.Tensor4D; teacher: tf.Tensor4D } {
  const teacherMap = featureMap(teacher, settings.source, `${what}: teacher ${settings.source}`);
  const studentMap = featureMap(student, settings.source, `${what}: student ${settings.source}`);
  assertShape(studentMap, [teacherMap.shape[0], undefined, undefined, undefined], `${what}: student ${settings.source}`, '[N, h, w, C] (the teacher\'s batch)');
  assertAffinityBudget(what, teacherMap.shape[0], pooledGrid(teacherMap, settings.poolSize), settings.maxAffinityElements);
  return tf.tidy(() => ({
    student: poolGrid(resizeAlignCorners(studentMap, spatialSize(teacherMap)), settings.poolSize, `${what}: student ${settings.source}`),
    teacher: poolGrid(teacherMap, settings.poolSize, `${what}: teacher ${settings.source}`),
  }));
}
