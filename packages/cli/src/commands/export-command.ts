import { join, resolve } from 'node:path';
import { createRunContainer, UsageError } from '@vidseg/core';
import { configFileOf, loadRunConfig } from '../config/load-run-config.js';
import { exportModelFile, exportOptionsOf } from '../pipeline/export-model.js';
import { loadModelWithWeights } from '../pipeline/model-weights.js';
import { createPluginContainer } from '../plugins/load-plugins.js';
import type { Command } from './command.js';
import { CONFIG_OPTIONS, CONFIG_OPTIONS_USAGE, parseCommandArgs } from './parse-command-args.js';
import { PATHS_NOTE, WEIGHTS_OPTIONS, WEIGHTS_OPTIONS_USAGE, weightsSourceOf } from './weights-options.js';

/** `vidseg export`: a trained model (checkpoint or weights file) to a self-contained ONNX file. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'export a trained model to ONNX (image in, label map out, classes and palette inside)',
  usage: `vidseg export (-c <config> | --run-dir <run>) [--checkpoint <folder> | --weights <file>] [--out <model.onnx>]

${CONFIG_OPTIONS_USAGE}
${WEIGHTS_OPTIONS_USAGE}
      --out <file>          the .onnx file (default: <run-dir>/model.onnx)
Export options come from the config's export section, e.g. --set export.inputSize=[360,480]
or --set 'export.outputs=[labels, probabilities]'.
${PATHS_NOTE}`,
  async run({ args, out, progress }) {
    const { values } = parseCommandArgs('export', args, { ...CONFIG_OPTIONS, ...WEIGHTS_OPTIONS, out: { type: 'string' } });
    const target = values.out ?? (values['run-dir'] ? join(values['run-dir'], 'model.onnx') : undefined);
    if (!target) throw new UsageError('vidseg export: missing --out <model.onnx>', { hint: 'or give --run-dir to write <run>/model.onnx' });
    const { config, file, baseDir } = await loadRunConfig('export', configFileOf(values), values.set);
    const options = exportOptionsOf(config, file);
    const run = createRunContainer(await createPluginContainer(config.plugins, baseDir, file), { seed: config.seed, baseDir }, progress);
    const { model, weights, source } = await loadModelWithWeights(run, config, weightsSourceOf(values), file);
    const bytes = await exportModelFile(resolve(target), model, weights, options);
    out.write(`exported ${model.name} from ${source} to ${resolve(target)} (${(bytes / 1024).toFixed(0)} KiB; input ${JSON.stringify(options.inputSize)}, outputs ${options.outputs.join(', ')})\n`);
    return 0;
  },
};
