import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataError, pluginRegistry, type ClipDataset, type DependencyContainer } from '@vidseg/core';

/**
 * The frames of `input`: a folder of images (the `frames` dataset) or a video file (the `video`
 * dataset, decoded by the system ffmpeg). A missing path is a {@link DataError} naming it.
 */
export function openFrameSource(container: DependencyContainer, input: string, options: { fps?: number; maxFrames?: number } = {}): ClipDataset {
  const path = resolve(input);
  if (!existsSync(path)) throw new DataError(`input ${path} does not exist`, { hint: 'give a folder of frames or a video file' });
  const registry = pluginRegistry(container);
  if (statSync(path).isDirectory()) return registry.create(container, 'dataset', { type: 'frames', root: path }, { path: '--input' });
  return registry.create(container, 'dataset', { type: 'video', path, ...options }, { path: '--input' });
}
