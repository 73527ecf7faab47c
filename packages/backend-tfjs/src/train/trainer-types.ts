import type { ClipDataset, ClipSampler, DependencyContainer, EvaluationResult, LabelSpace, NamedTensors, ProgressReporter, VidsegConfig } from '@vidseg/core';
import type { TfjsTrainingBackend } from '../backend/tfjs-training-backend.js';

/** What {@link createTrainer} needs. The CLI builds the data side; the trainer builds the rest from `config`. */
export interface TrainerOptions {
  /** The validated config (`model`, `teacher`, `losses`, `flow`, `train`, `eval`, `backend`, `seed`). */
  readonly config: VidsegConfig;
  /** A container with the plugins registered (models, losses, flow...); the run's container is a child of it. */
  readonly container: DependencyContainer;
  /** Training clips (the data package's sampler over `data.train`, cropping to `train.inputSize`). */
  readonly clips: ClipSampler;
  /** Classes and ignore label of the training data. */
  readonly labelSpace: LabelSpace;
  /** Run folder: checkpoints go to `<runDir>/checkpoints`, distillation caches to `<runDir>/cache`. */
  readonly runDir?: string;
  readonly progress?: ProgressReporter;
  /** The engine; by default the config's `backend` is activated. */
  readonly backend?: TfjsTrainingBackend;
  /** Initial weights (PyTorch layout, every parameter); by default a seeded initialisation. */
  readonly weights?: NamedTensors;
  /** Resume from `<runDir>/checkpoints` (true) or from a checkpoint folder. */
  readonly resume?: boolean | string;
  /** Data for the periodic and final evaluation (`train.evalEvery`, `eval`). */
  readonly evaluation?: { readonly dataset: ClipDataset };
  /** Config file name, for error messages. */
  readonly configFile?: string;
  /** How many checkpoints to keep (default 3). */
  readonly keepCheckpoints?: number;
}

/** What one optimiser step did. */
export interface StepReport {
  /** Steps done after this one (1 after the first step). */
  readonly step: number;
  readonly lr: number;
  /** Weighted total loss, averaged over micro-batches. */
  readonly loss: number;
  /** Unweighted value of each term by config path and name, e.g. `losses[0]:cross-entropy`. */
  readonly terms: Readonly<Record<string, number>>;
  /** Wall time of the step in milliseconds, data loading included. */
  readonly milliseconds: number;
  readonly imagesPerSecond: number;
  /** Engine tensors alive after the step (constant when nothing leaks). */
  readonly liveTensors: number;
}

/** What {@link Trainer.run} returns. */
export interface TrainingSummary {
  readonly steps: number;
  /** Whether {@link Trainer.stop} ended the run before `train.steps`. */
  readonly stopped: boolean;
  readonly lastStep?: StepReport;
  /** Folder of the last checkpoint written, when the run has a folder. */
  readonly checkpoint?: string;
  readonly evaluation?: EvaluationResult;
}

/** Events a trainer emits, with their data. */
export interface TrainerEvents {
  step: StepReport;
  evaluation: { readonly step: number; readonly result: EvaluationResult };
  checkpoint: { readonly step: number; readonly path: string };
}
