import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRunContainer, entryLocation, pluginRegistry, UsageError, type ClipDataset, type DependencyContainer, type VidsegConfig } from '@vidseg/core';
import { ConcatClipDataset } from '@vidseg/data';
import { exportOnnx, type RuntimeChoice } from '@vidseg/backend-ort';
import { configFileOf, loadRunConfig } from '../config/load-run-config.js';
import { exportOptionsOf } from '../pipeline/export-model.js';
import { loadModelWithWeights } from '../pipeline/model-weights.js';
import { openFrameSource } from '../pipeline/frame-source.js';
import { isUnlabelled, labelFreeConfig, labelFreeFigures } from '../pipeline/label-free-evaluation.js';
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
  summary: 'evaluate a model (ONNX, checkpoint or weights) on a split: mIoU, TC, VC_n and latency; on video without labels: label-free TC and unchanged share',
  usage: `vidseg eval (-c <config> | --run-dir <run>) [--model <model.onnx> | --checkpoint <folder> | --weights <file>] [--split val | --input <path>...]

${CONFIG_OPTIONS_USAGE}
      --model <file>        an exported model (default: <run-dir>/model.onnx when it exists)
${WEIGHTS_OPTIONS_USAGE}
      --split <name>        data split of the config to evaluate: val (default), test or train
      --input <path>        instead of a split: a folder of frames, a video, or a folder of such
                            (repeatable); no labels needed
      --runtime <name>      auto (default), ort-node or ort-web
      --out <file>          where the results go as JSON (default: <run-dir>/eval-<split>.json, else ./eval-<split>.json)
Metrics and the flow for TC come from the config's eval section. On frames without labels (--input,
or a split of frames or videos) eval reports label-free consistency instead: labelFreeTc (TC of the
model's own consecutive predictions along estimated flow: eval.flow, else data.unlabelled.flow, else
cached Farneback) and unchangedShare (share of pixels whose class is unchanged between consecutive
frames, no flow); neither is VC, which needs labels.
${PATHS_NOTE}`,
  async run({ args, out, progress }) {
    const { values } = parseCommandArgs('eval', args, {
      ...CONFIG_OPTIONS,
      ...WEIGHTS_OPTIONS,
      model: { type: 'string' },
      split: { type: 'string' },
      input: { type: 'string', multiple: true },
      runtime: { type: 'string' },
      out: { type: 'string' },
    });
    const split = (values.split ?? 'val') as (typeof SPLITS)[number];
    if (!SPLITS.includes(split)) throw new UsageError(`vidseg eval: --split must be one of ${SPLITS.join(', ')}, got "${values.split}"`);
    if (values.input && values.split) throw new UsageError('vidseg eval: give --split or --input, not both');
    const { config, file, baseDir } = await loadRunConfig('eval', configFileOf(values), values.set);
    const run = createRunContainer(await createPluginContainer(config.plugins, baseDir, file), { seed: config.seed, baseDir }, progress);
    const dataset = values.input ? inputFrames(run, values.input) : splitDataset(run, config, split, file);
    const labelFree = values.input !== undefined || (await isUnlabelled(dataset));

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
    const evaluation = await evaluateOnnx({
      run,
      config: labelFree ? labelFreeConfig(config) : config,
      dataset,
      model,
      labelFree,
      ...(values.runtime ? { runtime: values.runtime as RuntimeChoice } : {}),
      ...(file ? { configFile: file } : {}),
    });
    const figures = labelFree ? labelFreeFigures(evaluation.result.values) : undefined;
    const record: EvaluationRecord = {
      model: described,
      dataset: `${dataset.name}/${dataset.split}`,
      frames: evaluation.result.frames,
      runtime: evaluation.runtime,
      flow: evaluation.flow ?? null,
      medianMsPerFrame: evaluation.medianMs,
      labelSpacing: labelSpacingOf(dataset),
      values: figures ? { ...figures } : evaluation.result.values,
      perClass: figures ? {} : Object.fromEntries(Object.entries(evaluation.result.metrics).map(([name, r]) => [name, r.perClass ?? null])),
      skipped: evaluation.result.skipped ?? [],
      // Also at the top level, where scripts look for the label-free figures.
      ...(figures ? { labelFreeTc: figures.labelFreeTc, unchangedShare: figures.unchangedShare } : {}),
    };
    reportSkippedInputs(progress, 'evaluation', evaluation.result.skipped);
    out.write(`${describeEvaluation(record)}\n`);
    const name = values.input ? 'eval-video.json' : `eval-${split}.json`;
    const target = resolve(values.out ?? (values['run-dir'] ? join(values['run-dir'], name) : name));
    await writeFileAtomic(target, new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`));
    out.write(`results written to ${target}\n`);
    return 0;
  },
};

/** The config's split `split`; a missing one is a UsageError. */
function splitDataset(run: DependencyContainer, config: VidsegConfig, split: (typeof SPLITS)[number], file: string | undefined): ClipDataset {
  const entry = config.data[split];
  if (!entry) throw new UsageError(`the config has no data.${split} to evaluate`, { hint: `add data.${split} or --set 'data.${split}={type: ..., ...}' (or give --input)` });
  return pluginRegistry(run).create(run, 'dataset', entry, entryLocation(`data.${split}`, file));
}

/** The frames of the `--input` paths, each path its own sequence(s), joined in the order given. */
function inputFrames(run: DependencyContainer, inputs: readonly string[]): ClipDataset {
  const parts = inputs.map((input) => openFrameSource(run, input));
  return parts.length === 1 ? parts[0]! : new ConcatClipDataset('input', 'frames', parts);
}
