import { didYouMean, PLUGIN_KIND_LABELS, UsageError, PLUGIN_KINDS, pluginRegistry, type PluginDescription, type PluginKind } from '@vidseg/core';
import { createPluginContainer } from '../plugins/load-plugins.js';
import type { Command } from './command.js';
import { parseCommandArgs } from './parse-command-args.js';

interface JsonSchemaProperty {
  readonly type?: string | string[];
  readonly default?: unknown;
  readonly description?: string;
  readonly enum?: unknown[];
}

/** One line per option: `name (type, default x): description`. */
export function describeOptions(plugin: PluginDescription): string[] {
  const properties = (plugin.optionsSchema.properties ?? {}) as Record<string, JsonSchemaProperty>;
  return Object.entries(properties).map(([name, schema]) => {
    const type = schema.enum ? schema.enum.map((v) => JSON.stringify(v)).join('|') : Array.isArray(schema.type) ? schema.type.join('|') : (schema.type ?? 'value');
    const fallback = schema.default === undefined ? '' : `, default ${JSON.stringify(schema.default)}`;
    return `${name} (${type}${fallback})${schema.description ? `: ${schema.description}` : ''}`;
  });
}

/** `vidseg list`: every registered plugin with its options and defaults. */
export const listCommand: Command = {
  name: 'list',
  summary: 'list registered models, losses, distillers, datasets, flow estimators, backends, runtimes and metrics',
  usage: `vidseg list [kind] [--json] [--plugin <module> ...]

  kind                  one of ${PLUGIN_KINDS.join(', ')} (default: all)
      --plugin <module> also load this plugin module or file (repeatable)
      --json            print the descriptions as JSON`,
  async run({ args, out }) {
    const { values, positionals } = parseCommandArgs('list', args, { json: { type: 'boolean' }, plugin: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } }, true);
    const kind = positionals[0] as PluginKind | undefined;
    if (kind !== undefined && !PLUGIN_KINDS.includes(kind)) {
      throw new UsageError(`vidseg list: unknown plugin kind "${kind}"${didYouMean(kind, PLUGIN_KINDS)}; kinds: ${PLUGIN_KINDS.join(', ')}`);
    }
    const registry = pluginRegistry(await createPluginContainer(values.plugin ?? [], process.cwd()));
    const descriptions = registry.describe(kind);
    if (values.json) {
      out.write(`${JSON.stringify(descriptions, null, 2)}\n`);
      return 0;
    }
    for (const k of kind ? [kind] : PLUGIN_KINDS) {
      const ofKind = descriptions.filter((d) => d.kind === k);
      out.write(`\n${PLUGIN_KIND_LABELS[k]} (${k}):\n`);
      if (ofKind.length === 0) out.write('  (none)\n');
      for (const plugin of ofKind) {
        out.write(`  ${plugin.name}  [${plugin.packageName}]  ${plugin.description}\n`);
        for (const line of describeOptions(plugin)) out.write(`      ${line}\n`);
      }
    }
    return 0;
  },
};
