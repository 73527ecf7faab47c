import { CITYSCAPES_PALETTE, inject, injectable, silentProgress, TOKENS, type ProgressReporter, type RunContext } from '@vidseg/core';
import { datasetPath } from '../dataset-path.js';
import { keepExistingFrames, type SkippedFrame } from '../bad-input.js';
import { FileClipDataset } from '../file-clip-dataset.js';
import { CITYSCAPES_LABEL_TO_TRAIN_ID } from './cityscapes-label-ids.js';
import { listCityscapes } from './cityscapes-layout.js';
import { cityscapesOptionsSchema, type CityscapesOptions, type CityscapesOptionsInput } from './cityscapes-options.js';

/**
 * The `cityscapes` dataset: gtFine labelled frames (labelIds mapped to the 19 trainIds, 255 =
 * ignore) with their leftImg8bit images; neighbours from leftImg8bit_sequence (the 30-frame
 * snippets around each labelled frame, 17 Hz) when that folder is present, else pseudo-motion.
 */
@injectable()
export class CityscapesDataset extends FileClipDataset {
  readonly options: CityscapesOptions;

  constructor(
    @inject(TOKENS.pluginOptions) options: CityscapesOptionsInput, @inject(TOKENS.progress) progress: ProgressReporter = silentProgress,
    @inject(TOKENS.runContext) run?: RunContext,
  ) {
    const parsed = cityscapesOptionsSchema.parse(options);
    const root = datasetPath(parsed.root, run);
    const { labelled, sequenceFrames, source } = listCityscapes(root, parsed.split);
    const skipped: SkippedFrame[] = [];
    const kept = keepExistingFrames(labelled, source, parsed.onBadInput, progress, skipped);
    // A labelled frame is also a neighbour of the others; the sequence folder adds the raw frames.
    const labelledIds = new Set(kept.map((f) => f.id));
    super({
      name: 'cityscapes',
      split: parsed.split,
      classes: CITYSCAPES_PALETTE.classes,
      ignoreLabel: CITYSCAPES_PALETTE.ignoreLabel,
      labelled: kept,
      all: [...kept, ...sequenceFrames.filter((f) => !labelledIds.has(f.id))],
      labels: { classCount: CITYSCAPES_PALETTE.classes.length, ignoreLabel: CITYSCAPES_PALETTE.ignoreLabel, lookup: CITYSCAPES_LABEL_TO_TRAIN_ID, rawValues: 'Cityscapes labelIds 0..33' },
      pseudoMotion: parsed.pseudoMotion,
      source,
      skipped,
      onBadInput: parsed.onBadInput,
    });
    this.options = parsed;
  }
}
