import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRunContainer, entryLocation, pluginRegistry, UsageError } from '@vidseg/core';
import { exportOnnx, type RuntimeChoice } from '@vidseg/backend-ort';
import { configFileOf, loadRunConfig } from '../config/load-run-config.js';
import { exportOptionsOf } from '../pipeline/export-model.js';
import { loadModelWithWeights } from '../pipeline/model-weights.js';
import { evaluateOnnx } from '../pipeline/onnx-evaluation.js';
import { writeFileAtomic } from '@vidseg/core/node';
import { createPluginContainer } from '../plugins/load-plugins.js';
import { describeEvaluation, labelSpacingOf, type EvaluationRecord } from '../report/evaluation-summary.js';
import { reportSkippedInputs } from '../run/skipped-inputs.js';
import type { Command } from './command.js';
import { CONFIG_OPTIONS, CONFIG_OPTIONS_USAGE, parseCommandArgs } from './parse-command-args.js';
import { PATHS_NOTE, WEIGHTS_OPTIONS, WEIGHTS_OPTIONS_USAGE, weightsSourceOf } from './weights-options.js';

const SPLITS = ['val', 'test', 'train'] as const;

/** `vidseg eval`: mIoU, TC and VC of a model on a split, through ONNX Runtime (the deployment path). */
export const evalCommand: Command = {
  name: 'eval',
  summary: 'evaluate a model (ONNX, checkpoint or weights) on a split: mIoU, TC, VC_n and latency',
  usage: `vidseg eval (-c <config> | --run-dir <run>) [--model <model.onnx> | --checkpoint <folder> | --weights <file>] [--split val]

${CONFIG_OPTIONS_USAGE}
      --model <file>        an exported model (default: <run-dir>/model.onnx when it exists)
${WEIGHTS_OPTIONS_USAGE}
      --split <name>        data split of the config to evaluate: val (default), test or train
      --runtime <name>      auto (default), ort-node or ort-web
      --out <file>          where the results go as JSON (default: <run-dir>/eval-<split>.json, else ./eval-<split>.json)
Metrics and the flow for TC come from the config's eval section.
${PATHS_NOTE}`,
  async run({ args, out, progress }) {
    const { values } = parseCommandArgs('eval', args, {
      ...CONFIG_OPTIONS,
      ...WEIGHTS_OPTIONS,
      model: { type: 'string' },
      split: { type: 'string' },
      runtime: { type: 'string' },
      out: { type: 'string' },
    });
    const split = (values.split ?? 'val') as (typeof SPLITS)[number];
    if (!SPLITS.includes(split)) throw new UsageError(`vidseg eval: --split must be one of ${SPLITS.join(', ')}, got "${values.split}"`);
    const { config, file, baseDir } = await loadRunConfig('eval', configFileOf(values), values.set);
    const entry = config.data[split];
    if (!entry) throw new UsageError(`the config has no data.${split} to evaluate`, { hint: `add data.${split} or --set 'data.${split}={type: ..., ...}'` });
    const run = createRunContainer(await createPluginContainer(config.plugins, baseDir, file), { seed: config.seed, baseDir }, progress);
    const dataset = pluginRegistry(run).create(run, 'dataset', entry, entryLocation(`data.${split}`, file));

    const runModel = values['run-dir'] ? join(values['run-dir'], 'model.onnx') : undefined;
    let model: string | Uint8Array;
    let described: string;
    if (values.model || (runModel && existsSync(runModel) && !values.checkpoint && !values.weights)) {
      model = resolve(values.model ?? runModel!);
      described = model;
    } else {
      const loaded = await loadModelWithWeights(run, config, weightsSourceOf(values), file);
      model = exportOnnx(loaded.model, loaded.weights, exportOptionsOf(config, file));
      described = `${loaded.model.name} from ${loaded.source}`;
    }
    const evaluation = await evaluateOnnx({ run, config, dataset, model, ...(values.runtime ? { runtime: values.runtime as RuntimeChoice } : {}), ...(file ? { configFile: file } : {}) });
    const record: EvaluationRecord = {
      model: described,
      dataset: `${dataset.name}/${dataset.split}`,
      frames: evaluation.result.frames,
      runtime: evaluation.runtime,
      flow: evaluation.flow ?? null,
      medianMsPerFrame: evaluation.medianMs,
      labelSpacing: labelSpacingOf(dataset),
      values: evaluation.result.values,
      perClass: Object.fromEntries(Object.entries(evaluation.result.metrics).map(([name, r]) => [name, r.perClass ?? null])),
      skipped: evaluation.result.skipped ?? [],
    };
    reportSkippedInputs(progress, 'evaluation', evaluation.result.skipped);
    out.write(`${describeEvaluation(record)}\n`);
    const target = resolve(values.out ?? (values['run-dir'] ? join(values['run-dir'], `eval-${split}.json`) : `eval-${split}.json`));
    await writeFileAtomic(target, new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`));
    out.write(`results written to ${target}\n`);
    return 0;
  },
};
