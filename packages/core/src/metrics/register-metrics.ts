import type { DependencyContainer } from '../di/tsyringe.js';
import { z } from 'zod';
import { pluginRegistry } from '../registry/plugin-registry.js';
import { MeanIoU } from './mean-iou.js';
import { TemporalConsistency } from './temporal-consistency.js';
import { UnchangedShare } from './unchanged-share.js';
import { VideoConsistency } from './video-consistency.js';

const PACKAGE = '@vidseg/core';

/** Registers the built-in metrics (`miou`, `tc`, `vc`, `unchanged`) as `metric` plugins. */
export function registerMetrics(container: DependencyContainer): void {
  const registry = pluginRegistry(container);
  registry.add({
    kind: 'metric',
    name: 'miou',
    packageName: PACKAGE,
    description: 'Mean IoU and pixel accuracy from one confusion matrix over the whole split (ignore label excluded).',
    options: z.object({}),
    implementation: MeanIoU,
  });
  registry.add({
    kind: 'metric',
    name: 'tc',
    packageName: PACKAGE,
    description: 'Temporal consistency: mIoU between P_t and P_t+1 warped back along the flow (nearest neighbour).',
    options: z.object({}),
    implementation: TemporalConsistency,
  });
  registry.add({
    kind: 'metric',
    name: 'vc',
    packageName: PACKAGE,
    description: 'Video consistency VC_n: share of GT-stable pixels whose prediction is stable over n consecutive labelled frames.',
    options: z.object({ n: z.number().int().min(2).default(8).describe('window length in frames') }),
    implementation: VideoConsistency,
  });
  registry.add({
    kind: 'metric',
    name: 'unchanged',
    packageName: PACKAGE,
    description: 'Label-free and flow-free: share of pixels whose prediction is the same in consecutive frames (any video; motion lowers it).',
    options: z.object({}),
    implementation: UnchangedShare,
  });
}
