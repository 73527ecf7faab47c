import { pluginRegistry, type DependencyContainer } from '@vidseg/core';
import { buildMiniUnet, miniUnetOptions } from './build-mini-unet.js';

/**
 * Adds the `mini-unet` model to `container`. The CLI calls it for each module a config lists under
 * `plugins`; `model: { type: mini-unet, ... }` then builds the network with its validated options.
 */
export function register(container: DependencyContainer): void {
  pluginRegistry(container).add({
    kind: 'model',
    name: 'mini-unet',
    packageName: '@vidseg/example-custom-backbone',
    description: 'A small U-Net-style encoder-decoder of separable convolutions (output stride 8, two skip connections).',
    options: miniUnetOptions,
    factory: (options) => buildMiniUnet(options),
  });
}
