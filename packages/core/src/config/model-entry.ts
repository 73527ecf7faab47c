import type { PluginEntry } from '../registry/plugin-registration.js';
import type { VidsegConfig } from './config-schema.js';

/**
 * The config's model entry as the model plugin sees it: `init` (where the initial weights come
 * from) belongs to the training run, not to the model's options.
 */
export function modelPluginEntry(model: VidsegConfig['model']): PluginEntry {
  const { init: _init, ...entry } = model;
  return entry;
}
