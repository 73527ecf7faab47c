import { DataError, type ProgressReporter } from '@vidseg/core';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { FrameFile } from './frame-file.js';

/** The `onBadInput` option shared by the file datasets. */
export const onBadInputSchema = z
  .enum(['error', 'skip'])
  .default('error')
  .describe('what a missing file or an unusable listing entry does: error (stop, naming the file) or skip (warn, count, leave it out)');

/** One frame left out of a split, and why. */
export interface SkippedFrame {
  readonly file: string;
  readonly reason: string;
}

/**
 * Keeps the frames whose image (and label, when listed) exist. A missing file is a DataError
 * naming it and `source` (the list or folder that named it); with `onBadInput: 'skip'` it is
 * reported as a warning, counted in `skipped`, and the frame is left out.
 */
export function keepExistingFrames(
  frames: readonly FrameFile[],
  source: string,
  onBadInput: 'error' | 'skip',
  progress: ProgressReporter,
  skipped: SkippedFrame[],
): FrameFile[] {
  return frames.filter((frame) => {
    const missing = [frame.image, frame.label].find((file) => file !== undefined && !existsSync(file));
    if (missing === undefined) return true;
    const reason = `file not found: ${missing} (listed in ${source})`;
    if (onBadInput === 'error') throw new DataError(reason, { hint: 'restore the file, fix the listing, or set onBadInput: skip to leave such frames out' });
    skipped.push({ file: missing, reason });
    progress.warn(`skipped frame ${frame.id} (${skipped.length} so far): ${reason}`);
    return false;
  });
}
