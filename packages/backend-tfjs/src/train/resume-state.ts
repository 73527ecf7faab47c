import { ConfigError, type ProgressReporter } from '@vidseg/core';
import { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import { restoreTrainingState } from '../checkpoint/training-state.js';
import type { TfjsNetwork } from '../network/tfjs-network.js';
import type { ClipFeed } from './clip-feed.js';
import type { RunCheckpoints } from './run-checkpoints.js';
import type { SgdOptimizer } from './sgd-optimizer.js';

/** Where a resumed run continues: the step, and the training seconds of its earlier segments. */
export interface ResumePoint {
  readonly step: number;
  readonly seconds: number;
}

/** The parts a checkpoint restores. */
export interface ResumableParts {
  readonly network: TfjsNetwork;
  readonly optimizer: SgdOptimizer;
  readonly feed: ClipFeed;
  /** The unlabelled clips' feed, when the run has `data.unlabelled`. */
  readonly unlabelledFeed: ClipFeed | undefined;
  readonly backendName: string;
  readonly checkpoints: RunCheckpoints | undefined;
  readonly progress: ProgressReporter;
}

/**
 * Restores the state of checkpoint folder `folder`, or of the run's latest checkpoint, into `parts`.
 * A run folder without a checkpoint starts from step 0 (with a warning).
 */
export async function resumeState(folder: string | undefined, parts: ResumableParts): Promise<ResumePoint> {
  const { checkpoints, progress } = parts;
  const checkpoint = folder ? await CheckpointStore.load(folder) : await checkpoints?.store.loadLatest();
  if (!checkpoint) {
    if (!checkpoints) throw new ConfigError([{ path: 'resume', message: 'resuming needs a run folder (runDir) or a checkpoint folder' }]);
    progress.warn(`resume: no checkpoint in ${checkpoints.store.dir}; starting from step 0`);
    return { step: 0, seconds: 0 };
  }
  const state = restoreTrainingState(checkpoint, parts.network, parts.optimizer);
  parts.feed.restore(state);
  if (parts.unlabelledFeed && state.unlabelled) parts.unlabelledFeed.restore(state.unlabelled);
  else if (parts.unlabelledFeed) progress.warn(`resume: ${checkpoint.path} was written by a run without data.unlabelled; the unlabelled clips start from the beginning of their order`);
  checkpoints?.resumedFrom(state.step, checkpoint.path);
  if (state.backend !== parts.backendName) progress.warn(`resume: the checkpoint was written on ${state.backend}, this run uses ${parts.backendName}; losses will differ slightly`);
  progress.log(`resumed from ${checkpoint.path} at step ${state.step}`);
  return { step: state.step, seconds: state.seconds };
}
