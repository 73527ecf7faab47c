import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRunContainer, DataError, silentProgress, writeSafetensors, type NamedTensors } from '@vidseg/core';
import { writeFileAtomic } from '@vidseg/core/node';
import { loadRunConfig, type RunConfig } from '../config/load-run-config.js';
import { loadModelWithWeights } from '../pipeline/model-weights.js';
import { createPluginContainer } from '../plugins/load-plugins.js';
import { RunFolder } from '../run/run-folder.js';
import type { CommandContext } from '../commands/command.js';
import { trainRun } from '../commands/train-command.js';

/** The config that trains the demo's pretrained student (`vidseg demo --make-student`). */
export const DEMO_STUDENT_CONFIG = fileURLToPath(new URL('../../configs/demo-student.yaml', import.meta.url));
/** The pretrained student shipped with the package, which `vidseg demo` fine-tunes. */
export const DEMO_STUDENT_WEIGHTS = fileURLToPath(new URL('../../assets/demo-student.safetensors', import.meta.url));

/** The weights of `file`, checked by name and shape against the model of `runConfig`. */
export async function readStudentWeights(runConfig: RunConfig, file: string): Promise<NamedTensors> {
  if (!existsSync(file)) {
    throw new DataError(`${file}: the demo's pretrained student is missing`, { hint: 'make it with `vidseg demo --make-student`, or pass --student <file.safetensors>' });
  }
  return checkedWeights(runConfig, { weights: file });
}

/** Weights of a file or a run's last checkpoint, checked against the model of `runConfig`. */
async function checkedWeights(runConfig: RunConfig, source: { weights: string } | { runDir: string }): Promise<NamedTensors> {
  const container = await createPluginContainer(runConfig.config.plugins, runConfig.baseDir, runConfig.file);
  const run = createRunContainer(container, { seed: runConfig.config.seed, baseDir: runConfig.baseDir }, silentProgress);
  return (await loadModelWithWeights(run, runConfig.config, source, runConfig.file)).weights;
}

/**
 * Trains the demo student from {@link DEMO_STUDENT_CONFIG} (plus `overrides`) into the run folder
 * `runDir` and writes its final weights to `out` (safetensors, atomically). Returns false when
 * interrupted (nothing is written then).
 */
export async function makeDemoStudent(context: Pick<CommandContext, 'progress' | 'interrupted' | 'uninterruptible'>, runDir: string, out: string, overrides: readonly string[]): Promise<boolean> {
  const runConfig = await loadRunConfig('demo', DEMO_STUDENT_CONFIG, overrides);
  const outcome = await trainRun(runConfig, RunFolder.open(runDir, { resume: false }), context, { resume: false });
  if (outcome.summary.stopped) return false;
  const weights = await checkedWeights(runConfig, { runDir });
  const metadata = { producer: 'vidseg demo --make-student', config: 'demo-student.yaml', steps: String(outcome.summary.steps) };
  await writeFileAtomic(out, writeSafetensors(weights, metadata));
  return true;
}
