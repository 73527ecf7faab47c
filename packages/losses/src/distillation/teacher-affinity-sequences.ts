import * as tf from '@tensorflow/tfjs-core';
import type { ClipSample, Teacher } from '@vidseg/core';
import { assertAffinityBudget, poolGrid } from './affinity.js';
import { featureMap, pooledGrid, type GridSettings } from './feature-source.js';
import { selfAffinityImage } from './self-affinity-maps.js';

/**
 * For each clip, the teacher's self-affinity images of its frames in time order, each
 * [1, P, P, 1]: the sequences the multi-frame ConvLSTM is pre-trained on. The caller owns (and
 * disposes) each yielded sequence.
 */
export async function* teacherAffinitySequences(
  clips: () => AsyncIterable<ClipSample>,
  teacher: Teacher<tf.Tensor>,
  settings: GridSettings,
): AsyncGenerator<tf.Tensor4D[]> {
  const what = 'multi-frame ConvLSTM pre-training';
  for await (const clip of clips()) {
    const outputs = await teacher.predict(
      clip.frames.map((frame) => frame.image),
      { features: settings.source === 'features' },
    );
    try {
      const map = featureMap(outputs, settings.source, `${what}: teacher ${settings.source}`);
      assertAffinityBudget(what, 1, pooledGrid(map, settings.poolSize), settings.maxAffinityElements);
      yield tf.tidy(() => tf.split(selfAffinityImage(poolGrid(map, settings.poolSize, `${what}: teacher ${settings.source}`)), map.shape[0]) as tf.Tensor4D[]);
    } finally {
      tf.dispose([outputs.logits, outputs.features, outputs.auxLogits].filter((t): t is tf.Tensor => t !== undefined));
    }
  }
}
