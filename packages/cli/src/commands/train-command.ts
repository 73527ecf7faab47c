import { resolve } from 'node:path';
import { UsageError, type NamedTensors, type TrainingHook, type TrainingSummary, type VidsegConfig } from '@vidseg/core';
import { buildTrainingRun, StopOnSignalHook } from '@vidseg/backend-tfjs';
import { checkConfigPlugins } from '../config/check-config-plugins.js';
import { configFileOf, loadRunConfig, type RunConfig } from '../config/load-run-config.js';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { exportModelFile, exportOptionsOf } from '../pipeline/export-model.js';
import { createPluginContainer } from '../plugins/load-plugins.js';
import { discardFailedStart, folderBeforeStart } from '../run/discard-failed-start.js';
import { resumeCheckpoint } from '../run/resume-checkpoint.js';
import { RunFolder } from '../run/run-folder.js';
import { runLogHook } from '../run/run-log-hook.js';
import { reportSkippedInputs } from '../run/skipped-inputs.js';
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
  /** Time of the run (build, training, evaluation, export), the earlier segments of a resumed run included. */
  readonly seconds: number;
  /** Wall time of this session alone. */
  readonly sessionSeconds: number;
}

/**
 * Trains the model a config describes into a run folder: resolved config, log.jsonl, checkpoints,
 * metrics.json and, when training completes, model.onnx. Shared by `train` and `demo`.
 *
 * Everything that can be checked before training is checked before a new run's config is written
 * (the plugins and their options, the export options, the datasets, the trainer's parts), so a
 * start that fails leaves no run behind and the fixed config can be rerun into the same folder.
 * A new run that fails later, before its first checkpoint (bad teacher weights, an engine abort),
 * is removed again for the same reason; one with a checkpoint is kept for `--resume`. Resuming
 * continues from `chosenCheckpoint` or the newest intact checkpoint (see {@link resumeCheckpoint}).
 */
export async function trainRun(
  runConfig: RunConfig,
  folder: RunFolder,
  context: Pick<CommandContext, 'progress' | 'interrupted' | 'uninterruptible'>,
  options: {
    readonly resume: boolean;
    /** With `resume`: the checkpoint to continue from (default: the newest intact one). */
    readonly checkpoint?: string;
    /** Initial weights of a new run (e.g. the demo's pretrained student); default: `model.init` or the seeded initialisation. */
    readonly weights?: NamedTensors;
  },
): Promise<TrainingOutcome> {
  const { resume } = options;
  const before = folderBeforeStart(folder);
  let checkpointed = false;
  const onCheckpoint: TrainingHook = { name: 'failed-start-guard', afterCheckpoint: () => void (checkpointed = true) };
  try {
    const from = resume ? ((await resumeCheckpoint(folder, context.progress, options.checkpoint)) ?? true) : false;
    return await trainRunSteps(runConfig, folder, context, { resume: from, onCheckpoint, ...(options.weights ? { weights: options.weights } : {}) });
  } catch (error) {
    if (!resume && !checkpointed) await discardFailedStart(folder, before);
    else context.progress.warn(`the run folder keeps its checkpoints: once the problem is fixed, continue with vidseg train --resume --run-dir ${folder.dir}`);
    throw error;
  }
}

async function trainRunSteps(
  runConfig: RunConfig,
  folder: RunFolder,
  context: Pick<CommandContext, 'progress' | 'interrupted' | 'uninterruptible'>,
  { resume, onCheckpoint, weights }: { readonly resume: boolean | string; readonly onCheckpoint: TrainingHook; readonly weights?: NamedTensors },
): Promise<TrainingOutcome> {
  const { config: requested, file, baseDir, files } = runConfig;
  const started = performance.now();
  const exportOptions = exportOptionsOf(requested, file);
  const container = await createPluginContainer(requested.plugins, baseDir, file);
  checkConfigPlugins(container, requested, file);
  const run = await buildTrainingRun({
    config: requested,
    container,
    baseDir,
    runDir: folder.dir,
    progress: context.progress,
    resume,
    ...(weights ? { weights } : {}),
    configFile: file,
    hooks: [runLogHook(folder), onCheckpoint, new StopOnSignalHook(context.interrupted)],
    uninterruptible: context.uninterruptible,
  });
  try {
    if (resume) folder.log({ event: 'resume', step: run.step });
    else await folder.writeConfig(run.config, files, baseDir);
    const summary = await run.run();
    let model: string | undefined;
    if (!summary.stopped) {
      model = folder.path('model.onnx');
      const bytes = await exportModelFile(model, run.network.model, await run.network.snapshot(), exportOptions);
      context.progress.log(`exported ${model} (${(bytes / 1024).toFixed(0)} KiB)`);
    }
    // Earlier segments of a resumed run count: their time is saved in the checkpoints.
    const seconds = run.seconds;
    const sessionSeconds = (performance.now() - started) / 1000;
    reportSkippedInputs(context.progress, 'training', run.skippedInputs);
    reportSkippedInputs(context.progress, 'evaluation', summary.evaluation?.skipped);
    await folder.writeJson('metrics.json', {
      steps: summary.steps,
      stopped: summary.stopped,
      seconds,
      sessionSeconds,
      backend: run.backend.name,
      lastLoss: summary.lastStep?.loss,
      evaluation: summary.evaluation?.values ?? null,
      checkpoint: summary.checkpoint ?? null,
      model: model ?? null,
      skipped: { training: run.skippedInputs, evaluation: summary.evaluation?.skipped ?? [] },
    });
    return { folder, summary, seconds, sessionSeconds, ...(model ? { model } : {}) };
  } finally {
    await run.dispose();
  }
}

/** `vidseg train`: trains a model from a config into a run folder. */
export const trainCommand: Command = {
  name: 'train',
  summary: 'train a model from a config into a run folder (checkpoints, log, metrics, ONNX model)',
  usage: `vidseg train -c <config> [--set path=value ...] [--run-dir <folder>]
vidseg train --resume --run-dir <folder> [--checkpoint <step-N>]

${CONFIG_OPTIONS_USAGE}
      --run-dir <folder>  run folder (default: run.dir/run.name from the config)
      --resume            continue the run in --run-dir from its newest intact checkpoint, with its saved config
      --checkpoint <dir>  with --resume: continue from this checkpoint (a step-N folder of the run, or its path)
      --init <file>       initialise the model from this safetensors file (sets model.init.file; the path is
                          relative to the working directory, model.init.file in a config to the config file)
Ctrl-C stops after the current step with a checkpoint; --resume continues exactly.`,
  async run(context) {
    const { values } = parseCommandArgs('train', context.args, { ...CONFIG_OPTIONS, 'run-dir': { type: 'string' }, resume: { type: 'boolean' }, checkpoint: { type: 'string' }, init: { type: 'string' } });
    const resume = values.resume ?? false;
    if (values.init !== undefined && resume) throw new UsageError('--init starts a new run from weights; a resumed run continues from its checkpoint', { hint: 'drop --init, or start a new run without --resume' });
    const sets = [...(values.set ?? []), ...(values.init !== undefined ? [`model.init.file=${JSON.stringify(resolve(values.init))}`] : [])];
    if (values.checkpoint !== undefined && !resume) throw new UsageError('--checkpoint needs --resume (it picks the checkpoint a resumed run continues from)', { hint: 'add --resume --run-dir <run>' });
    // A named folder is checked first: resuming one that holds no run says so, not that its config is missing.
    const named = values['run-dir'] === undefined ? undefined : RunFolder.open(values['run-dir'], { resume });
    const runConfig = await loadRunConfig('train', resume ? configFileOf(values) : values.config, sets);
    const folder = named ?? RunFolder.open(runFolderOf(runConfig.config), { resume });
    context.progress.log(`run folder: ${folder.dir}`);
    const outcome = await trainRun(runConfig, folder, context, { resume, ...(values.checkpoint !== undefined ? { checkpoint: values.checkpoint } : {}) });
    const evaluation = outcome.summary.evaluation?.values;
    context.out.write(
      `${outcome.summary.stopped ? 'stopped' : 'trained'} ${outcome.summary.steps} steps in ${outcome.seconds.toFixed(1)} s` +
        (outcome.seconds > outcome.sessionSeconds ? ` (${outcome.sessionSeconds.toFixed(1)} s in this session)` : '') +
        (evaluation ? `; ${Object.entries(evaluation).map(([k, v]) => `${k}=${v.toFixed(4)}`).join(' ')}` : '') +
        `\nrun folder: ${folder.dir}\n`,
    );
    return outcome.summary.stopped ? EXIT_CODES.interrupted : EXIT_CODES.ok;
  },
};
