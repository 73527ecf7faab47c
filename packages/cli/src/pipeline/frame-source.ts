import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataError, pluginRegistry, type ClipDataset, type DependencyContainer } from '@vidseg/core';
import { isImageFile } from '@vidseg/data';

/**
 * The frames of `input`: a folder of images (the `frames` dataset), a folder of such folders and
 * videos without images of its own (the `video-folder` dataset, each one a sequence) or a video file
 * (the `video` dataset, decoded by the system ffmpeg). A missing path is a {@link DataError} naming it.
 */
export function openFrameSource(container: DependencyContainer, input: string, options: { fps?: number; maxFrames?: number } = {}): ClipDataset {
  const path = resolve(input);
  if (!existsSync(path)) throw new DataError(`input ${path} does not exist`, { hint: 'give a folder of frames or a video file' });
  const registry = pluginRegistry(container);
  if (statSync(path).isDirectory()) {
    const type = readdirSync(path).some(isImageFile) ? 'frames' : 'video-folder';
    return registry.create(container, 'dataset', { type, root: path }, { path: '--input' });
  }
  return registry.create(container, 'dataset', { type: 'video', path, ...options }, { path: '--input' });
}
