import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { InternalError, SeededRandom, type ClipSample, type ClipSampler, type DistillationStrategy, type ProgressReporter, type Teacher } from '@vidseg/core';
import type { WeightedTerm } from './loss-objective.js';

/** What {@link prepareDistillers} needs. */
export interface DistillerPreparation {
  readonly terms: readonly WeightedTerm[];
  /** The teacher as the engine sees it (NHWC tfjs tensors, its own classes). */
  readonly teacher: Teacher<tf.Tensor> | undefined;
  readonly clips: ClipSampler;
  readonly seed: number;
  readonly progress: ProgressReporter;
  /** Run folder: preparation caches go to `<runDir>/cache`. */
  readonly runDir?: string;
}

/** Prepares the distillation strategies that need it (e.g. the multi-frame ConvLSTM), on every clip of the sampler once. */
export async function prepareDistillers({ terms, teacher, clips, seed, progress, runDir }: DistillerPreparation): Promise<void> {
  for (const { term } of terms) {
    const strategy = term as DistillationStrategy<tf.Tensor>;
    if (!strategy.prepare) continue;
    if (!teacher) throw new InternalError(`${term.name} needs preparation with a teacher, but none was built`);
    const clipRandom = new SeededRandom(seed ^ 0x5eed);
    await strategy.prepare({
      teacher,
      progress,
      ...(runDir ? { cacheDir: join(runDir, 'cache') } : {}),
      clips: async function* (): AsyncIterable<ClipSample> {
        for (let position = 0; position < clips.size; position++) yield clips.sample(position, clipRandom);
      },
    });
  }
}
