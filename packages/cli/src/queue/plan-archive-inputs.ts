import { existsSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { DataError, UsageError, type ProgressReporter } from '@vidseg/core';
import { videoJobKey, type SegmentOptions, type VideoJobSpec } from '@vidseg/queue';
import { openInferInput } from '../pipeline/infer-input.js';

/** What `vidseg queue add` was asked to do, apart from the inputs. */
export interface ArchivePlanOptions {
  readonly model: string;
  readonly modelHash: string;
  /** Folder under which each input gets its own folder, named after it. */
  readonly out: string;
  readonly chunkFrames: number;
  readonly options: SegmentOptions;
}

/**
 * The job of each input: a video file or a frames folder, its output folder (`out/<name>`), and its
 * frame count (so it can be cut into chunks). An input that does not exist, or two inputs that
 * would share an output folder, stop everything before anything is added. An input whose frames
 * cannot be counted (ffprobe cannot read it) is still added, as one chunk: its job then fails with
 * the decoder's message, as the archive's other inputs go on.
 */
export async function planArchiveInputs(
  inputs: readonly string[],
  plan: ArchivePlanOptions,
  progress: ProgressReporter,
): Promise<VideoJobSpec[]> {
  const byName = new Map<string, string>();
  const specs: VideoJobSpec[] = [];
  for (const given of inputs) {
    const input = resolve(given);
    if (!existsSync(input)) throw new DataError(`input ${input} does not exist`, { hint: 'give video files or folders of frames' });
    const stat = statSync(input);
    const kind = stat.isDirectory() ? 'frames' : 'video';
    const name = kind === 'frames' ? basename(input) : basename(input, extname(input));
    const clash = byName.get(name);
    if (clash) throw new UsageError(`inputs ${clash} and ${input} would both write to ${join(plan.out, name)}`, { hint: 'rename one, or add them with different --out folders' });
    byName.set(name, input);
    let frames: number | null = null;
    try {
      frames = (await openInferInput(input, plan.options, progress)).count;
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      progress.log(`warning: ${error.message}; added as one job, which will fail with the decoder's message unless the input is fixed first`);
    }
    const fields = { input, inputStamp: `${stat.size}:${stat.mtimeMs}`, kind, name, outDir: join(plan.out, name), model: plan.model, modelHash: plan.modelHash, chunkFrames: plan.chunkFrames, options: plan.options } as const;
    const { inputStamp: _stamp, ...spec } = fields;
    specs.push({ ...spec, key: videoJobKey(fields), frames });
  }
  return specs;
}
