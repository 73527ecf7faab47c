import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { createRunContainer, modelPluginEntry, pluginRegistry, UsageError, type ClipDataset } from '@vidseg/core';
import { writeFileAtomic } from '@vidseg/core/node';
import { countFlops, countParameters, segmentationModel } from '@vidseg/models';
import { configFileOf, loadRunConfig, type RunConfig } from '../config/load-run-config.js';
import { evaluateOnnx } from '../pipeline/onnx-evaluation.js';
import { createPluginContainer } from '../plugins/load-plugins.js';
import { writeComparisonReport, type ComparedModel } from '../report/comparison-report.js';
import type { Command, CommandContext } from './command.js';
import { parseCommandArgs } from './parse-command-args.js';

const SPLITS = ['val', 'test', 'train'] as const;

interface SavedEvaluation {
  readonly values: Record<string, number>;
  readonly medianMsPerFrame: number;
}

/** The run's evaluation on `split`: its eval-<split>.json, or evaluated now and saved there. */
async function runEvaluation(runConfig: RunConfig, runDir: string, split: string, dataset: ClipDataset, context: CommandContext): Promise<SavedEvaluation> {
  const file = join(runDir, `eval-${split}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SavedEvaluation;
  const run = createRunContainer(await createPluginContainer(runConfig.config.plugins, runConfig.baseDir, runConfig.file), { seed: runConfig.config.seed, baseDir: runConfig.baseDir }, context.progress);
  const evaluation = await evaluateOnnx({ run, config: runConfig.config, dataset, model: join(runDir, 'model.onnx'), configFile: runConfig.file });
  const saved = { model: join(runDir, 'model.onnx'), dataset: `${dataset.name}/${dataset.split}`, runtime: evaluation.runtime, flow: evaluation.flow ?? null, medianMsPerFrame: evaluation.medianMs, values: evaluation.result.values };
  await writeFileAtomic(file, new TextEncoder().encode(`${JSON.stringify(saved, null, 2)}\n`));
  return saved;
}

/** `vidseg report`: one HTML report comparing trained runs (and other exported models) on a split. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'compare trained runs on a split: table, curves and side-by-side overlays in one HTML report',
  usage: `vidseg report --run-dir <run> [--run-dir <run> ...] [--model <title>=<file.onnx> ...] [--split val] [--out <folder>]

      --run-dir <run>         a trained run folder (repeat to compare); its eval-<split>.json is reused or made
      --model <title>=<file>  another exported model to compare (evaluated with the first run's config)
      --split <name>          val (default), test or train: data, metrics and flow of the first run's config
      --out <folder>          where report.html and side-by-side.webp go (default: runs/report)
      --title <text>          the report's title`,
  async run(context) {
    const { values } = parseCommandArgs('report', context.args, {
      'run-dir': { type: 'string', multiple: true },
      model: { type: 'string', multiple: true },
      split: { type: 'string' },
      out: { type: 'string' },
      title: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    const runDirs = values['run-dir'] ?? [];
    if (runDirs.length === 0) throw new UsageError('vidseg report: give at least one --run-dir', { hint: 'see vidseg report --help' });
    const split = (values.split ?? 'val') as (typeof SPLITS)[number];
    if (!SPLITS.includes(split)) throw new UsageError(`vidseg report: --split must be one of ${SPLITS.join(', ')}, got "${values.split}"`);
    const outDir = resolve(values.out ?? join('runs', 'report'));
    await mkdir(outDir, { recursive: true });

    const compared: ComparedModel[] = [];
    let preview: ClipDataset | undefined;
    let first: RunConfig | undefined;
    for (const runDir of runDirs) {
      if (!existsSync(join(runDir, 'model.onnx'))) throw new UsageError(`${resolve(runDir)} has no model.onnx: is the run finished?`, { hint: `vidseg train --resume --run-dir ${runDir}` });
      const runConfig = await loadRunConfig('report', configFileOf({ 'run-dir': runDir }));
      first ??= runConfig;
      const { config, file, baseDir } = runConfig;
      const entry = config.data[split];
      if (!entry) throw new UsageError(`${resolve(runDir)}: its config has no data.${split}`);
      const run = createRunContainer(await createPluginContainer(config.plugins, baseDir, file), { seed: config.seed, baseDir }, context.progress);
      const registry = pluginRegistry(run);
      const dataset = registry.create(run, 'dataset', entry, { path: `data.${split}`, file });
      preview ??= dataset;
      const model = segmentationModel(registry.create(run, 'model', modelPluginEntry(config.model), { path: 'model', file }));
      const { image } = await dataset.frame(0);
      const [height, width] = config.eval.inputSize ?? [image.height, image.width];
      const evaluation = await runEvaluation(runConfig, runDir, split, dataset, context);
      const metrics = JSON.parse(readFileSync(join(runDir, 'metrics.json'), 'utf8')) as { seconds?: number };
      compared.push({
        title: `${basename(resolve(runDir))} (${config.losses.map((l) => (l.weight === 1 ? l.type : `${l.type} x${l.weight}`)).join(' + ')})`,
        model: join(runDir, 'model.onnx'),
        values: evaluation.values,
        medianMs: evaluation.medianMsPerFrame,
        log: join(runDir, 'log.jsonl'),
        ...(metrics.seconds !== undefined ? { trainSeconds: metrics.seconds } : {}),
        params: countParameters(model.graph).trainable,
        gflops: countFlops(model.graph, height, width),
      });
    }
    for (const spec of values.model ?? []) {
      const equals = spec.indexOf('=');
      if (equals <= 0) throw new UsageError(`vidseg report: --model "${spec}" is not <title>=<file.onnx>`);
      const title = spec.slice(0, equals);
      const file = resolve(spec.slice(equals + 1));
      const run = createRunContainer(await createPluginContainer(first!.config.plugins, first!.baseDir, first!.file), { seed: first!.config.seed, baseDir: first!.baseDir }, context.progress);
      const evaluation = await evaluateOnnx({ run, config: first!.config, dataset: preview!, model: file, configFile: first!.file });
      compared.push({ title, model: file, values: evaluation.result.values, medianMs: evaluation.medianMs });
    }
    const { table } = await writeComparisonReport({
      outDir,
      title: values.title ?? `vidseg: ${compared.map((m) => m.title).join(' vs ')}`,
      notes: [
        `Evaluated on ${preview!.name}/${preview!.split} (${preview!.size} frames) through ONNX Runtime, one frame at a time, with the metrics and flow of ${first!.file}.`,
        `Made on ${process.platform} ${process.arch}, Node ${process.version}, ${new Date().toISOString()}.`,
      ],
      models: compared,
      preview: preview!,
    });
    context.out.write(`${table}\n\nreport: ${join(outDir, 'report.html')}\n`);
    return 0;
  },
};
