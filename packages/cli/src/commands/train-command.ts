import { resolve } from 'node:path';
import { createRunContainer, type NamedTensors, type VidsegConfig } from '@vidseg/core';
import { createTrainer, type TrainingSummary } from '@vidseg/backend-tfjs';
import { checkConfigPlugins } from '../config/check-config-plugins.js';
import { configFileOf, loadRunConfig, type RunConfig } from '../config/load-run-config.js';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { exportModelFile, exportOptionsOf } from '../pipeline/export-model.js';
import { withComputedClassWeights } from '../pipeline/class-weights.js';
import { buildTrainingData } from '../pipeline/training-data.js';
import { createPluginContainer } from '../plugins/load-plugins.js';
import { RunFolder } from '../run/run-folder.js';
import type { Command, CommandContext } from './command.js';
import { CONFIG_OPTIONS, CONFIG_OPTIONS_USAGE, parseCommandArgs } from './parse-command-args.js';

/** The run folder a config asks for: `run.dir/run.name`, relative to the working directory. */
export function runFolderOf(config: VidsegConfig): string {
  return resolve(config.run.dir, config.run.name);
}

/** What a finished (or stopped) training run produced. */
export interface TrainingOutcome {
  readonly folder: RunFolder;
  readonly summary: TrainingSummary;
  /** Path of the exported ONNX model (absent when the run was stopped early). */
  readonly model?: string;
  readonly seconds: number;
}

/**
 * Trains the model a config describes into a run folder: resolved config, log.jsonl, checkpoints,
 * metrics.json and, when training completes, model.onnx. Shared by `train` and `demo`.
 *
 * Everything that can be checked before training is checked before a new run's config is written
 * (the plugins and their options, the export options, the datasets, the trainer's parts), so a
 * start that fails leaves no run behind and the fixed config can be rerun into the same folder.
 */
export async function trainRun(
  runConfig: RunConfig,
  folder: RunFolder,
  context: Pick<CommandContext, 'progress' | 'interrupted'>,
  resume: boolean,
  /** Initial weights of a new run (e.g. the demo's pretrained student); default: the seeded initialisation. */
  weights?: NamedTensors,
): Promise<TrainingOutcome> {
  const { config: requested, file, baseDir, files } = runConfig;
  const started = performance.now();
  const exportOptions = exportOptionsOf(requested, file);
  const container = await createPluginContainer(requested.plugins, baseDir, file);
  checkConfigPlugins(container, requested, file);
  const run = createRunContainer(container, { seed: requested.seed, runDir: folder.dir, baseDir }, context.progress);
  const data = buildTrainingData(run, requested, file);
  const config = await withComputedClassWeights(requested, data.train, context.progress);
  const trainer = await createTrainer({
    config,
    container: run,
    clips: data.sampler,
    labelSpace: data.labelSpace,
    runDir: folder.dir,
    progress: context.progress,
    resume,
    ...(weights ? { weights } : {}),
    configFile: file,
    ...(data.evaluation ? { evaluation: { dataset: data.evaluation } } : {}),
  });
  try {
    if (resume) folder.log({ event: 'resume', step: trainer.step });
    else await folder.writeConfig(config, files, baseDir);
    trainer.on('step', (report) => folder.log({ event: 'step', ...report }));
    trainer.on('evaluation', ({ step, result }) => folder.log({ event: 'evaluation', step, values: result.values }));
    trainer.on('checkpoint', ({ step, path }) => folder.log({ event: 'checkpoint', step, path }));
    void context.interrupted.then(() => trainer.stop());
    const summary = await trainer.run();
    let model: string | undefined;
    if (!summary.stopped) {
      model = folder.path('model.onnx');
      const bytes = await exportModelFile(model, trainer.network.model, await trainer.network.snapshot(), exportOptions);
      context.progress.log(`exported ${model} (${(bytes / 1024).toFixed(0)} KiB)`);
    }
    const seconds = (performance.now() - started) / 1000;
    await folder.writeJson('metrics.json', {
      steps: summary.steps,
      stopped: summary.stopped,
      seconds,
      backend: trainer.backend.name,
      lastLoss: summary.lastStep?.loss,
      evaluation: summary.evaluation?.values ?? null,
      checkpoint: summary.checkpoint ?? null,
      model: model ?? null,
    });
    return { folder, summary, seconds, ...(model ? { model } : {}) };
  } finally {
    await trainer.dispose();
  }
}

/** `vidseg train`: trains a model from a config into a run folder. */
export const trainCommand: Command = {
  name: 'train',
  summary: 'train a model from a config into a run folder (checkpoints, log, metrics, ONNX model)',
  usage: `vidseg train -c <config> [--set path=value ...] [--run-dir <folder>]
vidseg train --resume --run-dir <folder>

${CONFIG_OPTIONS_USAGE}
      --run-dir <folder>  run folder (default: run.dir/run.name from the config)
      --resume            continue the run in --run-dir from its latest checkpoint, with its saved config
Ctrl-C stops after the current step with a checkpoint; --resume continues exactly.`,
  async run(context) {
    const { values } = parseCommandArgs('train', context.args, { ...CONFIG_OPTIONS, 'run-dir': { type: 'string' }, resume: { type: 'boolean' } });
    const resume = values.resume ?? false;
    // A named folder is checked first: resuming one that holds no run says so, not that its config is missing.
    const named = values['run-dir'] === undefined ? undefined : RunFolder.open(values['run-dir'], { resume });
    const runConfig = await loadRunConfig('train', resume ? configFileOf(values) : values.config, values.set);
    const folder = named ?? RunFolder.open(runFolderOf(runConfig.config), { resume });
    context.progress.log(`run folder: ${folder.dir}`);
    const outcome = await trainRun(runConfig, folder, context, resume);
    const evaluation = outcome.summary.evaluation?.values;
    context.out.write(
      `${outcome.summary.stopped ? 'stopped' : 'trained'} ${outcome.summary.steps} steps in ${outcome.seconds.toFixed(1)} s` +
        (evaluation ? `; ${Object.entries(evaluation).map(([k, v]) => `${k}=${v.toFixed(4)}`).join(' ')}` : '') +
        `\nrun folder: ${folder.dir}\n`,
    );
    return outcome.summary.stopped ? EXIT_CODES.interrupted : EXIT_CODES.ok;
  },
};
