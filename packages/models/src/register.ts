import { pluginRegistry, type DependencyContainer } from '@vidseg/core';
import { MODEL_REGISTRATIONS } from './zoo/model-registrations.js';

/** Registers the model zoo (`model` plugins) into `container`. Importing the package registers nothing. */
export function register(container: DependencyContainer): void {
  const registry = pluginRegistry(container);
  for (const registration of MODEL_REGISTRATIONS) registry.add(registration);
}
