/** The kinds of plugin a config can name. */
export const PLUGIN_KINDS = ['model', 'loss', 'distiller', 'teacher', 'flow', 'dataset', 'backend', 'runtime', 'metric', 'hook'] as const;

/** One of {@link PLUGIN_KINDS}. */
export type PluginKind = (typeof PLUGIN_KINDS)[number];

/** Plural, human-readable names of each kind, for messages and listings. */
export const PLUGIN_KIND_LABELS: Readonly<Record<PluginKind, string>> = {
  model: 'models',
  loss: 'losses',
  distiller: 'distillers',
  teacher: 'teachers',
  flow: 'flow estimators',
  dataset: 'datasets',
  backend: 'training backends',
  runtime: 'inference runtimes',
  metric: 'metrics',
  hook: 'training hooks',
};
