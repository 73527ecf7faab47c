import { stringify } from 'yaml';
import { loadRunConfig } from '../config/load-run-config.js';
import type { Command } from './command.js';
import { CONFIG_OPTIONS, CONFIG_OPTIONS_USAGE, parseCommandArgs } from './parse-command-args.js';

/** `vidseg config print`: the fully resolved config (extends, overrides and defaults applied). */
export const configPrintCommand: Command = {
  name: 'config print',
  summary: 'print the resolved config (extends, --set overrides and defaults applied)',
  usage: `vidseg config print -c <file> [--set path=value ...] [--json]

${CONFIG_OPTIONS_USAGE}
      --json            print JSON instead of YAML`,
  async run({ args, out }) {
    const { values } = parseCommandArgs('config print', args, { ...CONFIG_OPTIONS, json: { type: 'boolean' } });
    const { config, files } = await loadRunConfig('config print', values.config, values.set);
    if (values.json) out.write(`${JSON.stringify(config, null, 2)}\n`);
    else out.write(`# resolved from: ${files.join(' <- ')}\n${stringify(config)}`);
    return 0;
  },
};
