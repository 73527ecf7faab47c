import { pluginRegistry, type DependencyContainer } from '@vidseg/core';
import { multiFramePlugin } from './distillation/multi-frame-distiller.js';
import { pairWiseFramePlugin } from './distillation/pair-wise-frame-distiller.js';
import { pairWisePlugin } from './distillation/pair-wise-distiller.js';
import { pixelWisePlugin } from './distillation/pixel-wise-distiller.js';
import { crossEntropyPlugin } from './segmentation/cross-entropy-loss.js';
import { cachedTeacherPlugin } from './teacher/cached-teacher-plugin.js';
import { temporalPlugin } from './temporal/temporal-loss-term.js';

/**
 * Registers the losses (`cross-entropy`, `temporal`), the distillers (`pixel-wise`,
 * `pair-wise-frame`, `pair-wise`, `multi-frame`) and the `cached` teacher into `container`.
 */
export function register(container: DependencyContainer): void {
  const registry = pluginRegistry(container);
  for (const plugin of [crossEntropyPlugin, temporalPlugin, pixelWisePlugin, pairWiseFramePlugin, pairWisePlugin, multiFramePlugin, cachedTeacherPlugin]) {
    registry.add(plugin);
  }
}
