import type { ClipDataset, ProgressReporter, VidsegConfig } from '@vidseg/core';
import { resolveMedianFrequencyWeights } from '@vidseg/losses';

/**
 * The config with every `classWeights: 'median-frequency'` of a cross-entropy entry replaced by the
 * weights computed from the training split's label maps (logged), so that the run's config.json,
 * and so `--resume`, hold the numbers the run trained with. The config itself when no entry asks.
 */
export async function withComputedClassWeights(config: VidsegConfig, train: ClipDataset, progress: ProgressReporter): Promise<VidsegConfig> {
  const { losses, computed } = await resolveMedianFrequencyWeights(config.losses, train);
  if (!computed) return config;
  const absent = computed.absentClasses.length > 0 ? `; absent, weight 0: ${computed.absentClasses.map((c) => train.classes[c]).join(', ')}` : '';
  progress.log(
    `cross-entropy: median-frequency class weights from the ${train.size} label maps of ${train.name}/${train.split}: ${computed.weights.map((w) => w.toFixed(4)).join(', ')}${absent}`,
  );
  return { ...config, losses };
}
