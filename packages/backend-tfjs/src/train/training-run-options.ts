import type { DependencyContainer, NamedTensors, ProgressReporter, TrainingHook, VidsegConfig } from '@vidseg/core';
import type { TfjsTrainingBackend } from '../backend/tfjs-training-backend.js';
import type { Uninterruptible } from './run-checkpoints.js';

/** What {@link buildTrainingRun} needs: a config and a container with the plugins it names. */
export interface TrainingRunOptions {
  /** The validated config (`data`, `model`, `teacher`, `losses`, `flow`, `train`, `eval`, `backend`, `hooks`, `seed`). */
  readonly config: VidsegConfig;
  /**
   * A container with the plugins registered (datasets, models, losses, flow, metrics...) and a
   * clip sampler factory (`@vidseg/data`'s `register`); the run's container is a child of it.
   */
  readonly container: DependencyContainer;
  /** Folder that config-relative paths resolve against (default: the container's run context, if any). */
  readonly baseDir?: string;
  /** Run folder: checkpoints go to `<runDir>/checkpoints`, distillation caches to `<runDir>/cache`. */
  readonly runDir?: string;
  readonly progress?: ProgressReporter;
  /** The engine; by default the config's `backend` is activated. */
  readonly backend?: TfjsTrainingBackend;
  /** Initial weights (PyTorch layout, every parameter); by default a seeded initialisation. */
  readonly weights?: NamedTensors;
  /** Resume from `<runDir>/checkpoints` (true) or from a checkpoint folder. */
  readonly resume?: boolean | string;
  /** Config file name, for error messages. */
  readonly configFile?: string;
  /** How many checkpoints to keep (default 3). */
  readonly keepCheckpoints?: number;
  /** The caller's hooks (e.g. a run log, stop-on-signal), called before the built-in ones. */
  readonly hooks?: readonly TrainingHook[];
  /** Wraps every checkpoint write, e.g. so that a second Ctrl-C waits for it (default: none). */
  readonly uninterruptible?: Uninterruptible;
}
