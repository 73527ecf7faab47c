import { join } from 'node:path';
import { TOKENS, type DependencyContainer, type NamedTensors, type ProgressReporter, type RunContext, type VidsegConfig } from '@vidseg/core';
import { writeFileAtomic } from '@vidseg/core/node';
import type { SegmentationModel } from '@vidseg/models';
import { describeInitReport, loadModelInit } from '@vidseg/models/node';

/** The student's starting point: its initial weights, and the parameters `model.init` left at a fresh initialisation. */
export interface InitialWeights {
  readonly weights?: NamedTensors;
  /** Parameters not taken from the `model.init` file (the `reinitialized` group of `train.lrMultipliers`). */
  readonly reinitialized: ReadonlySet<string>;
}

/**
 * The initial weights of a run: the caller's when given; else, for a new run whose config has
 * `model.init`, the file's tensors loaded by name (the rest freshly initialised with the run's seed),
 * with the report logged in one line and saved as `<runDir>/init.json`; else none (a seeded start).
 * A resumed run takes its weights from the checkpoint instead.
 */
export async function initialWeights(
  model: SegmentationModel,
  config: VidsegConfig,
  run: DependencyContainer,
  options: { readonly weights?: NamedTensors; readonly resume?: boolean | string; readonly runDir?: string; readonly progress: ProgressReporter },
): Promise<InitialWeights> {
  const init = config.model.init;
  if (options.weights) return { weights: options.weights, reinitialized: new Set() };
  if (!init || options.resume) return { reinitialized: new Set() };
  const { baseDir } = run.resolve<RunContext>(TOKENS.runContext);
  const { tensors, report } = await loadModelInit(model.graph, init, { seed: config.seed, ...(baseDir ? { baseDir } : {}) });
  options.progress.log(describeInitReport(report));
  if (options.runDir) await writeFileAtomic(join(options.runDir, 'init.json'), new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`));
  return { weights: tensors, reinitialized: new Set([...report.skippedByShape, ...report.skippedByPattern, ...report.notFound]) };
}
