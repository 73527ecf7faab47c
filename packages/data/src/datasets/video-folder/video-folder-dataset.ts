import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { DataError, inject, injectable, silentProgress, TOKENS, type ProgressReporter, type RunContext } from '@vidseg/core';
import { ConcatClipDataset } from '../concat-clip-dataset.js';
import { datasetPath } from '../dataset-path.js';
import { FramesDataset } from '../frames/frames-dataset.js';
import { VideoDataset } from '../video/video-dataset.js';
import { videoFolderOptionsSchema, type VideoFolderOptions, type VideoFolderOptionsInput } from './video-folder-options.js';

const VIDEO_EXTENSIONS = new Set(['.mp4', '.mkv', '.mov', '.avi', '.webm', '.m4v']);

/**
 * The `video-folder` dataset: a folder of videos, each sub-folder of frames and each video file one
 * sequence (frames unlabelled), joined in name order. Meant for `data.unlabelled` and for measuring
 * label-free consistency on footage of one's own; `include` / `exclude` hold sequences out.
 */
@injectable()
export class VideoFolderDataset extends ConcatClipDataset {
  readonly options: VideoFolderOptions;

  constructor(
    @inject(TOKENS.pluginOptions) options: VideoFolderOptionsInput,
    @inject(TOKENS.progress) progress: ProgressReporter = silentProgress,
    @inject(TOKENS.runContext) run?: RunContext,
  ) {
    const parsed = videoFolderOptionsSchema.parse(options);
    const root = datasetPath(parsed.root, run);
    const parts = sequenceEntries(root, parsed).map(({ name, path, kind }) =>
      kind === 'frames'
        ? new FramesDataset({ root: path, split: `${parsed.split}/${name}`, pseudoMotion: parsed.pseudoMotion }, progress, run)
        : new VideoDataset({ path, split: `${parsed.split}/${name}` }, run),
    );
    super('video-folder', parsed.split, parts);
    this.options = parsed;
  }
}

interface SequenceEntry {
  readonly name: string;
  readonly path: string;
  readonly kind: 'frames' | 'video';
}

/** The sequences of `root` in name order, after include / exclude; an unknown name is an error. */
function sequenceEntries(root: string, options: VideoFolderOptions): SequenceEntry[] {
  if (!existsSync(root)) throw new DataError(`video folder ${root} not found; expected sub-folders of frames and/or video files`);
  const entries = readdirSync(root)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .flatMap((entry): SequenceEntry[] => {
      const path = join(root, entry);
      if (statSync(path).isDirectory()) return [{ name: entry, path, kind: 'frames' }];
      const extension = extname(entry).toLowerCase();
      return VIDEO_EXTENSIONS.has(extension) ? [{ name: entry.slice(0, -extension.length), path, kind: 'video' }] : [];
    });
  const names = new Set(entries.map((e) => e.name));
  const unknown = [...(options.include ?? []), ...options.exclude].filter((name) => !names.has(name));
  if (unknown.length > 0) throw new DataError(`video folder ${root} has no sequence ${unknown.map((n) => `"${n}"`).join(', ')}; it has ${[...names].join(', ') || 'none'}`);
  const chosen = entries.filter((e) => (options.include ?? [...names]).includes(e.name) && !options.exclude.includes(e.name));
  if (chosen.length === 0) throw new DataError(`video folder ${root}: no sequence left after include/exclude`);
  return chosen;
}
