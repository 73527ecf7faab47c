import { pluginRegistry, type DependencyContainer } from '@vidseg/core';
import { SoftDiceLoss, softDiceOptions } from './soft-dice-loss.js';

/**
 * Adds the `soft-dice` loss to `container`. The CLI calls it for each module a config lists under
 * `plugins`; the container then builds the loss from a `losses` entry, injecting its validated
 * options and the run's label space.
 */
export function register(container: DependencyContainer): void {
  pluginRegistry(container).add({
    kind: 'loss',
    name: 'soft-dice',
    packageName: '@vidseg/example-custom-loss',
    description: 'Soft Dice loss on the labelled frame: 1 - the mean over classes of the soft Dice coefficient; weighs small classes like large ones.',
    options: softDiceOptions,
    implementation: SoftDiceLoss,
  });
}
