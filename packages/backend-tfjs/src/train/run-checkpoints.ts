import type { ProgressReporter } from '@vidseg/core';
import { CheckpointStore, type CheckpointContent } from '../checkpoint/checkpoint-store.js';

/** Runs `work` so that an interruption (e.g. a second Ctrl-C) cannot end the process half-way. */
export type Uninterruptible = <T>(work: () => Promise<T>) => Promise<T>;

/** Runs `work` as it is: for library use, where nothing ends the process on a signal. */
export const plainWork: Uninterruptible = (work) => work();

/** The checkpoints of a run folder, written at most once per step. */
export class RunCheckpoints {
  private lastStep = -1;
  private lastFolder: string | undefined;

  constructor(
    /** `<runDir>/checkpoints`. */
    readonly store: CheckpointStore,
    private readonly progress: ProgressReporter,
    private readonly uninterruptible: Uninterruptible = plainWork,
  ) {}

  /** Folder of the last checkpoint written or resumed from. */
  get last(): string | undefined {
    return this.lastFolder;
  }

  /** Notes the checkpoint a run resumed from (it is not written again at that step). */
  resumedFrom(step: number, folder: string): void {
    this.lastStep = step;
    this.lastFolder = folder;
  }

  /** Writes the checkpoint of `step`; undefined when that step's is already written. */
  async save(step: number, content: () => Promise<CheckpointContent>): Promise<string | undefined> {
    if (this.lastStep === step) return undefined;
    const folder = await this.uninterruptible(async () => this.store.save(step, await content()));
    this.lastStep = step;
    this.lastFolder = folder;
    this.progress.log(`checkpoint: ${folder}`);
    return folder;
  }
}
