import { CAMVID_PALETTE, inject, injectable, silentProgress, TOKENS, type ProgressReporter, type RunContext } from '@vidseg/core';
import { datasetPath } from '../dataset-path.js';
import { keepExistingFrames, type SkippedFrame } from '../bad-input.js';
import { FileClipDataset } from '../file-clip-dataset.js';
import { readCamvidList } from './camvid-list.js';
import { camvidOptionsSchema, type CamvidOptions, type CamvidOptionsInput } from './camvid-options.js';

/**
 * The `camvid` dataset in the SegNet layout (11 classes, 11 = Void): 367 / 101 / 233 labelled
 * frames. Val (sequence 0016E5, every second video frame) has raw neighbours at even offsets; all
 * other frames get pseudo-motion neighbours (see the `pseudoMotion` option).
 */
@injectable()
export class CamvidDataset extends FileClipDataset {
  readonly options: CamvidOptions;

  constructor(
    @inject(TOKENS.pluginOptions) options: CamvidOptionsInput, @inject(TOKENS.progress) progress: ProgressReporter = silentProgress,
    @inject(TOKENS.runContext) run?: RunContext,
  ) {
    const parsed = camvidOptionsSchema.parse(options);
    const root = datasetPath(parsed.root, run);
    const { listFile, frames } = readCamvidList(root, parsed.split);
    const skipped: SkippedFrame[] = [];
    const kept = keepExistingFrames(frames, listFile, parsed.onBadInput, progress, skipped);
    super({
      name: 'camvid',
      split: parsed.split,
      classes: CAMVID_PALETTE.classes,
      ignoreLabel: CAMVID_PALETTE.ignoreLabel,
      labelled: kept,
      all: kept,
      labels: { classCount: CAMVID_PALETTE.classes.length, ignoreLabel: CAMVID_PALETTE.ignoreLabel },
      pseudoMotion: parsed.pseudoMotion,
      source: listFile,
      skipped,
      onBadInput: parsed.onBadInput,
    });
    this.options = parsed;
  }
}
