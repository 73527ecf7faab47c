import { stringify } from 'yaml';
import { checkConfigPlugins } from '../config/check-config-plugins.js';
import { loadRunConfig } from '../config/load-run-config.js';
import { createPluginContainer } from '../plugins/load-plugins.js';
import type { Command } from './command.js';
import { CONFIG_OPTIONS, CONFIG_OPTIONS_USAGE, parseCommandArgs } from './parse-command-args.js';

/** `vidseg config print`: the fully resolved config (extends, overrides and defaults applied). */
export const configPrintCommand: Command = {
  name: 'config print',
  summary: 'print the resolved config (extends, --set overrides and defaults applied)',
  usage: `vidseg config print -c <file> [--set path=value ...] [--json]

${CONFIG_OPTIONS_USAGE}
      --json            print JSON instead of YAML
      --check           also validate every plugin entry's options against its plugin (no training)`,
  async run({ args, out, progress }) {
    const { values } = parseCommandArgs('config print', args, { ...CONFIG_OPTIONS, json: { type: 'boolean' }, check: { type: 'boolean' } });
    const { config, files, file, baseDir } = await loadRunConfig('config print', values.config, values.set);
    if (values.check) {
      const checked = checkConfigPlugins(await createPluginContainer(config.plugins, baseDir, file), config, file);
      progress.log(`${checked} plugin entries checked: all valid`);
    }
    if (values.json) out.write(`${JSON.stringify(config, null, 2)}\n`);
    else out.write(`# resolved from: ${files.join(' <- ')}\n${stringify(config)}`);
    return 0;
  },
};
