import { createRunContainer, type ClipDataset, type ProgressReporter } from '@vidseg/core';
import { createPluginContainer } from '../plugins/load-plugins.js';
import { openFrameSource } from './frame-source.js';

/** The input options of `vidseg infer` that decide which frames are segmented. */
export interface InferInputOptions {
  /** Resample a video to this frame rate. */
  readonly fps?: number;
  /** Segment at most this many frames. */
  readonly maxFrames?: number;
}

/** Opens the frames `vidseg infer` segments from `input` (a frames folder or a video), and how many it segments. */
export async function openInferInput(input: string, options: InferInputOptions, progress: ProgressReporter): Promise<{ source: ClipDataset; count: number }> {
  const container = createRunContainer(await createPluginContainer([], process.cwd()), { seed: 0, baseDir: process.cwd() }, progress);
  const source = openFrameSource(container, input, { ...(options.fps ? { fps: options.fps } : {}), ...(options.maxFrames ? { maxFrames: options.maxFrames } : {}) });
  return { source, count: Math.min(source.size, options.maxFrames ?? Number.POSITIVE_INFINITY) };
}
