import { entryLocation, lossEntryKind, modelPluginEntry, pluginRegistry, type DependencyContainer, type PluginEntry, type PluginKind, type VidsegConfig } from '@vidseg/core';

/**
 * Validates the options of every plugin entry of a config against its plugin's schema (unknown
 * names and keys with a did-you-mean, wrong values), without building anything. Returns the number
 * of entries checked; the first invalid one throws its ConfigError.
 */
export function checkConfigPlugins(container: DependencyContainer, config: VidsegConfig, file?: string): number {
  const registry = pluginRegistry(container);
  const entries: [PluginKind, string, PluginEntry | undefined][] = [
    ['model', 'model', modelPluginEntry(config.model)],
    ['teacher', 'teacher', config.teacher],
    ['backend', 'backend', config.backend],
    ['runtime', 'runtime', config.runtime],
    ['flow', 'flow', config.flow],
    ['flow', 'eval.flow', config.eval.flow],
    ['dataset', 'data.train', config.data.train],
    ['dataset', 'data.val', config.data.val],
    ['dataset', 'data.test', config.data.test],
    ...(config.data.unlabelled?.datasets ?? []).map((entry, i): [PluginKind, string, PluginEntry] => ['dataset', `data.unlabelled.datasets[${i}]`, entry]),
    ['flow', 'data.unlabelled.flow', config.data.unlabelled?.flow],
    ...config.losses.map(({ weight: _weight, ...entry }, i): [PluginKind, string, PluginEntry] => [lossEntryKind(registry, entry.type), `losses[${i}]`, entry]),
    ...config.eval.metrics.map((entry, i): [PluginKind, string, PluginEntry] => ['metric', `eval.metrics[${i}]`, entry]),
  ];
  let checked = 0;
  for (const [kind, path, entry] of entries) {
    if (!entry) continue;
    registry.validate(kind, entry, entryLocation(path, file));
    checked++;
  }
  return checked;
}
