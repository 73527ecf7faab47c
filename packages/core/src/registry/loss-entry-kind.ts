import type { PluginRegistry } from './plugin-registry.js';

/**
 * The plugin kind a `losses[]` entry names: loss terms and distillers share that list, so an
 * entry is a `distiller` when only a distiller has its name, else a `loss` (unknown names are then
 * reported as unknown losses).
 */
export function lossEntryKind(registry: PluginRegistry, type: string): 'loss' | 'distiller' {
  return !registry.has('loss', type) && registry.has('distiller', type) ? 'distiller' : 'loss';
}
