import { CAMVID_PALETTE, CITYSCAPES_PALETTE, ConfigError, DataError, inject, injectable, silentProgress, TOKENS, type ProgressReporter, type RunContext } from '@vidseg/core';
import { datasetPath } from '../dataset-path.js';
import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { SkippedFrame } from '../bad-input.js';
import { FileClipDataset } from '../file-clip-dataset.js';
import type { FrameFile } from '../frame-file.js';
import { CITYSCAPES_LABEL_TO_TRAIN_ID } from '../cityscapes/cityscapes-label-ids.js';
import { isImageFile } from '../../io/image-extensions.js';
import { framesOptionsSchema, type FramesOptions, type FramesOptionsInput } from './frames-options.js';

/**
 * The `frames` dataset: the frames of one video as image files in a folder (file-name order, with
 * numbers compared numerically), optionally with label maps in another folder. Frame k's
 * neighbours are frames k +/- offset.
 */
@injectable()
export class FramesDataset extends FileClipDataset {
  readonly options: FramesOptions;

  constructor(
    @inject(TOKENS.pluginOptions) options: FramesOptionsInput, @inject(TOKENS.progress) progress: ProgressReporter = silentProgress,
    @inject(TOKENS.runContext) run?: RunContext,
  ) {
    const parsed = framesOptionsSchema.parse(options);
    if (parsed.labelEncoding === 'label-ids' && parsed.classes !== 'cityscapes') {
      throw new ConfigError([{ path: 'labelEncoding', message: 'label-ids are Cityscapes labelIds: set classes: cityscapes with it' }]);
    }
    const root = datasetPath(parsed.root, run);
    const labels = parsed.labels === undefined ? undefined : datasetPath(parsed.labels, run);
    const palette = parsed.classes === 'camvid' ? CAMVID_PALETTE : CITYSCAPES_PALETTE;
    const all = listFrames(root, labels);
    const skipped: SkippedFrame[] = [];
    if (labels) reportOrphanLabels(all, labels, root, parsed.onBadInput, progress, skipped);
    super({
      name: 'frames',
      split: parsed.split,
      classes: palette.classes,
      ignoreLabel: palette.ignoreLabel,
      labelled: labels ? all.filter((f) => f.label) : all,
      all,
      labels: {
        classCount: palette.classes.length,
        ignoreLabel: palette.ignoreLabel,
        ...(parsed.labelEncoding === 'colours' ? { palette } : {}),
        ...(parsed.labelEncoding === 'label-ids' ? { lookup: CITYSCAPES_LABEL_TO_TRAIN_ID, rawValues: 'Cityscapes labelIds 0..33' } : {}),
      },
      pseudoMotion: parsed.pseudoMotion,
      source: labels ? `${labels} (labels of ${root})` : root,
      skipped,
      onBadInput: parsed.onBadInput,
    });
    this.options = parsed;
  }
}

function listFrames(root: string, labels: string | undefined): FrameFile[] {
  if (!existsSync(root)) throw new DataError(`frames folder ${root} not found; expected a folder of PNG, JPEG or WebP frames`);
  if (labels && !existsSync(labels)) throw new DataError(`labels folder ${labels} not found; expected label PNGs named like the frames in ${root}`);
  const names = readdirSync(root)
    .filter(isImageFile)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const sequence = basename(root);
  return names.map((name, index) => {
    const id = name.slice(0, -extname(name).length);
    const label = labels ? join(labels, `${id}.png`) : undefined;
    return { id, sequence, index, image: join(root, name), ...(label && existsSync(label) ? { label } : {}) };
  });
}

/** Label files without a frame of the same name: an error, or counted and skipped. */
function reportOrphanLabels(frames: readonly FrameFile[], labels: string, root: string, onBadInput: 'error' | 'skip', progress: ProgressReporter, skipped: SkippedFrame[]): void {
  const ids = new Set(frames.map((f) => f.id));
  for (const name of readdirSync(labels).sort()) {
    if (extname(name).toLowerCase() !== '.png' || ids.has(name.slice(0, -4))) continue;
    const file = join(labels, name);
    const reason = `label map ${file} has no frame of the same name in ${root}`;
    if (onBadInput === 'error') throw new DataError(reason, { hint: 'rename or remove it, or set onBadInput: skip' });
    skipped.push({ file, reason });
    progress.warn(`skipped ${file} (${skipped.length} so far): ${reason}`);
  }
}
